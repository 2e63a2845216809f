import { Migration } from '@mikro-orm/migrations';

const DEFAULT = `'00000000-0000-4000-8000-000000000001'`;
/** A random version-4 UUID in SQLite's SQL (it has no function for one). */
const UUID = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

/**
 * Projects: a "default" project takes every existing row and every existing user (with their role), so nothing
 * is lost and an installation that never creates a second project works as before. Platform models (the
 * catalog's) belong to no project: they are shared. Versions, events and API keys follow their deployment.
 *
 * SQLite cannot add a NOT NULL foreign key column in place: `deployments` and `connections` are rebuilt (new
 * table, copy, drop, rename). Dropping `deployments` with foreign keys on would cascade into its versions,
 * events and keys, so db/orm.ts runs SQLite's migrations with foreign keys off (a pragma a transaction ignores).
 */
export class Migration20261202140000_Projects extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`projects\` (\`id\` text not null, \`name\` text not null, \`slug\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`projects_slug_unique\` on \`projects\` (\`slug\`);`);

    this.addSql(`create table \`project_members\` (\`id\` text not null, \`project_id\` text not null, \`user_id\` text not null, \`role\` text not null, \`granted_by\` text null, \`created_at\` datetime not null, constraint \`project_members_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, constraint \`project_members_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`project_members_project_id_index\` on \`project_members\` (\`project_id\`);`);
    this.addSql(`create index \`project_members_user_id_index\` on \`project_members\` (\`user_id\`);`);
    this.addSql(`create unique index \`project_members_project_id_user_id_unique\` on \`project_members\` (\`project_id\`, \`user_id\`);`);

    this.addSql(`insert into \`projects\` (\`id\`, \`name\`, \`slug\`, \`created_at\`) values (${DEFAULT}, 'Default', 'default', cast(strftime('%s', 'now') as integer) * 1000);`);
    this.addSql(`insert into \`project_members\` (\`id\`, \`project_id\`, \`user_id\`, \`role\`, \`granted_by\`, \`created_at\`) select ${UUID}, ${DEFAULT}, \`id\`, \`role\`, null, cast(strftime('%s', 'now') as integer) * 1000 from \`users\`;`);

    this.addSql(`alter table \`audit_events\` add column \`project_id\` text null constraint \`audit_events_project_id_foreign\` references \`projects\`(\`id\`) on delete set null on update cascade;`);
    this.addSql(`update \`audit_events\` set \`project_id\` = ${DEFAULT};`);
    this.addSql(`create index \`audit_events_project_id_index\` on \`audit_events\` (\`project_id\`);`);

    this.addSql(`drop index \`models_name_unique\`;`);
    this.addSql(`alter table \`models\` add column \`project_id\` text null constraint \`models_project_id_foreign\` references \`projects\`(\`id\`) on delete cascade on update cascade;`);
    this.addSql(`update \`models\` set \`project_id\` = ${DEFAULT} where \`source\` <> 'PLATFORM';`);
    this.addSql(`create index \`models_project_id_index\` on \`models\` (\`project_id\`);`);
    this.addSql(`create unique index \`models_project_id_name_unique\` on \`models\` (\`project_id\`, \`name\`);`);

    this.addSql(`create table \`deployments__projects\` (\`id\` text not null, \`deployment_id\` text not null, \`model_id\` text not null, \`project_id\` text not null, \`name\` text not null, \`description\` text not null default '', \`tags\` json not null, \`status\` text not null default 'DEPLOYING', \`failure_reason\` text null, \`config\` json not null, \`adapter_model_ids\` json not null default '[]', \`endpoint_timeout_seconds\` integer not null default 60, \`current_version\` integer not null default 0, \`canary\` json null, \`created_by_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`deployments_model_id_foreign\` foreign key(\`model_id\`) references \`models\`(\`id\`) on delete cascade on update cascade, constraint \`deployments_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, constraint \`deployments_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`deployments__projects\` (\`id\`, \`deployment_id\`, \`model_id\`, \`project_id\`, \`name\`, \`description\`, \`tags\`, \`status\`, \`failure_reason\`, \`config\`, \`adapter_model_ids\`, \`endpoint_timeout_seconds\`, \`current_version\`, \`canary\`, \`created_by_id\`, \`created_at\`, \`updated_at\`) select \`id\`, \`deployment_id\`, \`model_id\`, ${DEFAULT}, \`name\`, \`description\`, \`tags\`, \`status\`, \`failure_reason\`, \`config\`, \`adapter_model_ids\`, \`endpoint_timeout_seconds\`, \`current_version\`, \`canary\`, \`created_by_id\`, \`created_at\`, \`updated_at\` from \`deployments\`;`);
    this.addSql(`drop table \`deployments\`;`);
    this.addSql(`alter table \`deployments__projects\` rename to \`deployments\`;`);
    this.addSql(`create unique index \`deployments_deployment_id_unique\` on \`deployments\` (\`deployment_id\`);`);
    this.addSql(`create index \`deployments_model_id_index\` on \`deployments\` (\`model_id\`);`);
    this.addSql(`create index \`deployments_project_id_index\` on \`deployments\` (\`project_id\`);`);
    this.addSql(`create index \`deployments_created_by_id_index\` on \`deployments\` (\`created_by_id\`);`);
    this.addSql(`create index \`deployments_model_id_status_index\` on \`deployments\` (\`model_id\`, \`status\`);`);

    this.addSql(`create table \`connections__projects\` (\`id\` text not null, \`name\` text not null, \`project_id\` text not null, \`encrypted_token\` text not null, \`token_hint\` text not null, \`created_by_id\` text null, \`created_at\` datetime not null, constraint \`connections_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, constraint \`connections_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`connections__projects\` (\`id\`, \`name\`, \`project_id\`, \`encrypted_token\`, \`token_hint\`, \`created_by_id\`, \`created_at\`) select \`id\`, \`name\`, ${DEFAULT}, \`encrypted_token\`, \`token_hint\`, \`created_by_id\`, \`created_at\` from \`connections\`;`);
    this.addSql(`drop table \`connections\`;`);
    this.addSql(`alter table \`connections__projects\` rename to \`connections\`;`);
    this.addSql(`create index \`connections_project_id_index\` on \`connections\` (\`project_id\`);`);
    this.addSql(`create index \`connections_created_by_id_index\` on \`connections\` (\`created_by_id\`);`);
    this.addSql(`create unique index \`connections_project_id_name_unique\` on \`connections\` (\`project_id\`, \`name\`);`);
  }

}
