import { Migration } from '@mikro-orm/migrations';

export class Migration20261126225854_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_events\` (\`id\` text not null, \`actor_id\` text null, \`actor_name\` text not null, \`action\` text not null, \`target_type\` text not null, \`target_id\` text null, \`details\` json null, \`at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`audit_events_at_index\` on \`audit_events\` (\`at\`);`);

    this.addSql(`create table \`users\` (\`id\` text not null, \`name\` text not null, \`role\` text not null, \`email\` text null, \`external_id\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`users_external_id_unique\` on \`users\` (\`external_id\`);`);

    this.addSql(`create table \`models\` (\`id\` text not null, \`name\` text not null, \`description\` text not null default '', \`tags\` json not null, \`source\` text not null, \`kind\` text not null default 'BASE', \`base_model_id\` text null, \`format\` text not null default 'UNKNOWN', \`size_bytes\` bigint not null default 0, \`status\` text not null default 'READY_TO_DEPLOY', \`status_detail\` text null, \`catalog_entry_id\` text null, \`hugging_face_repo_id\` text null, \`storage_path\` text null, \`facts\` json null, \`created_by_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`models_base_model_id_foreign\` foreign key(\`base_model_id\`) references \`models\`(\`id\`) on delete set null on update cascade, constraint \`models_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`models_name_unique\` on \`models\` (\`name\`);`);
    this.addSql(`create index \`models_base_model_id_index\` on \`models\` (\`base_model_id\`);`);
    this.addSql(`create index \`models_created_by_id_index\` on \`models\` (\`created_by_id\`);`);
    this.addSql(`create index \`models_created_at_index\` on \`models\` (\`created_at\`);`);

    this.addSql(`create table \`deployments\` (\`id\` text not null, \`deployment_id\` text not null, \`model_id\` text not null, \`name\` text not null, \`description\` text not null default '', \`tags\` json not null, \`status\` text not null default 'DEPLOYING', \`failure_reason\` text null, \`config\` json not null, \`endpoint_timeout_seconds\` integer not null default 60, \`current_version\` integer not null default 0, \`created_by_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`deployments_model_id_foreign\` foreign key(\`model_id\`) references \`models\`(\`id\`) on delete cascade on update cascade, constraint \`deployments_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`deployments_deployment_id_unique\` on \`deployments\` (\`deployment_id\`);`);
    this.addSql(`create index \`deployments_model_id_index\` on \`deployments\` (\`model_id\`);`);
    this.addSql(`create index \`deployments_created_by_id_index\` on \`deployments\` (\`created_by_id\`);`);
    this.addSql(`create index \`deployments_model_id_status_index\` on \`deployments\` (\`model_id\`, \`status\`);`);

    this.addSql(`create table \`deployment_versions\` (\`id\` text not null, \`deployment_id\` text not null, \`version\` integer not null, \`name\` text not null, \`trigger\` text not null, \`rolled_back_from\` integer null, \`config\` json not null, \`description\` text not null default '', \`tags\` json not null, \`deployed_by_id\` text null, \`started_at\` datetime not null, \`ended_at\` datetime null, \`status\` text not null default 'DEPLOYING', \`failure_reason\` text null, \`undeployed_by_id\` text null, \`undeployed_by_system\` integer not null default false, \`undeploy_reason\` text null, \`undeploy_started_at\` datetime null, \`undeploy_ended_at\` datetime null, constraint \`deployment_versions_deployment_id_foreign\` foreign key(\`deployment_id\`) references \`deployments\`(\`id\`) on delete cascade on update cascade, constraint \`deployment_versions_deployed_by_id_foreign\` foreign key(\`deployed_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, constraint \`deployment_versions_undeployed_by_id_foreign\` foreign key(\`undeployed_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`deployment_versions_deployment_id_index\` on \`deployment_versions\` (\`deployment_id\`);`);
    this.addSql(`create index \`deployment_versions_deployed_by_id_index\` on \`deployment_versions\` (\`deployed_by_id\`);`);
    this.addSql(`create index \`deployment_versions_undeployed_by_id_index\` on \`deployment_versions\` (\`undeployed_by_id\`);`);
    this.addSql(`create unique index \`deployment_versions_deployment_id_version_unique\` on \`deployment_versions\` (\`deployment_id\`, \`version\`);`);

    this.addSql(`create table \`deployment_events\` (\`id\` text not null, \`deployment_id\` text not null, \`version\` integer null, \`level\` text not null default 'INFO', \`message\` text not null, \`at\` datetime not null, constraint \`deployment_events_deployment_id_foreign\` foreign key(\`deployment_id\`) references \`deployments\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`deployment_events_deployment_id_index\` on \`deployment_events\` (\`deployment_id\`);`);
    this.addSql(`create index \`deployment_events_deployment_id_at_index\` on \`deployment_events\` (\`deployment_id\`, \`at\`);`);

    this.addSql(`create table \`api_keys\` (\`id\` text not null, \`deployment_id\` text not null, \`name\` text not null, \`prefix\` text not null, \`hash\` text not null, \`rate_limit_per_minute\` integer null, \`created_by_id\` text null, \`created_at\` datetime not null, \`last_used_at\` datetime null, \`expires_at\` datetime null, \`revoked_at\` datetime null, constraint \`api_keys_deployment_id_foreign\` foreign key(\`deployment_id\`) references \`deployments\`(\`id\`) on delete cascade on update cascade, constraint \`api_keys_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`api_keys_hash_unique\` on \`api_keys\` (\`hash\`);`);
    this.addSql(`create index \`api_keys_created_by_id_index\` on \`api_keys\` (\`created_by_id\`);`);
    this.addSql(`create index \`api_keys_deployment_id_index\` on \`api_keys\` (\`deployment_id\`);`);

    this.addSql(`create table \`access_tokens\` (\`id\` text not null, \`user_id\` text not null, \`name\` text not null, \`prefix\` text not null, \`hash\` text not null, \`created_at\` datetime not null, \`last_used_at\` datetime null, \`revoked_at\` datetime null, constraint \`access_tokens_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`access_tokens_user_id_index\` on \`access_tokens\` (\`user_id\`);`);
    this.addSql(`create unique index \`access_tokens_hash_unique\` on \`access_tokens\` (\`hash\`);`);
  }

}
