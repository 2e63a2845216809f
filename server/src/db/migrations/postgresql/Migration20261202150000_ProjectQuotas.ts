import { Migration } from '@mikro-orm/migrations';

export class Migration20261202150000_ProjectQuotas extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "project_quotas" ("project_id" uuid not null, "max_replicas" int null, "max_deployments" int null, "max_gpus_by_profile" jsonb not null, "updated_at" timestamptz not null, constraint "project_quotas_pkey" primary key ("project_id"));`);
    this.addSql(`alter table "project_quotas" add constraint "project_quotas_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "project_quotas" cascade;`);
  }

}
