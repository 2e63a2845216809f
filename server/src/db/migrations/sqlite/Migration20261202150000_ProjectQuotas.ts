import { Migration } from '@mikro-orm/migrations';

export class Migration20261202150000_ProjectQuotas extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`project_quotas\` (\`project_id\` text not null, \`max_replicas\` integer null, \`max_deployments\` integer null, \`max_gpus_by_profile\` json not null, \`updated_at\` datetime not null, constraint \`project_quotas_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, primary key (\`project_id\`));`);
  }

}
