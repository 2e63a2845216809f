import { Migration } from '@mikro-orm/migrations';

export class Migration20261126231441_ModelImport extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "connections" ("id" uuid not null, "name" varchar(200) not null, "encrypted_token" text not null, "token_hint" varchar(8) not null, "created_by_id" uuid null, "created_at" timestamptz not null, constraint "connections_pkey" primary key ("id"));`);
    this.addSql(`alter table "connections" add constraint "connections_name_unique" unique ("name");`);

    this.addSql(`alter table "connections" add constraint "connections_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "models" add column "upload_id" varchar(128) null, add column "import_error_class" varchar(32) null, add column "bytes_received" bigint not null default 0, add column "bytes_total" bigint null, add column "suggested_deploy_config" jsonb null, add column "connection_id" uuid null;`);
    this.addSql(`alter table "models" add constraint "models_upload_id_unique" unique ("upload_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "connections" cascade;`);

    this.addSql(`alter table "models" drop constraint "models_upload_id_unique";`);
    this.addSql(`alter table "models" drop column "upload_id", drop column "import_error_class", drop column "bytes_received", drop column "bytes_total", drop column "suggested_deploy_config", drop column "connection_id";`);
  }

}
