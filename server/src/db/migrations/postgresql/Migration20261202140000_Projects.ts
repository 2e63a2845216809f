import { Migration } from '@mikro-orm/migrations';

/**
 * Projects: a "default" project takes every existing row and every existing user (with their role), so nothing
 * is lost and an installation that never creates a second project works as before. Platform models (the
 * catalog's) belong to no project: they are shared. Versions, events and API keys follow their deployment.
 */
export class Migration20261202140000_Projects extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "projects" ("id" uuid not null, "name" varchar(200) not null, "slug" varchar(64) not null, "created_at" timestamptz not null, constraint "projects_pkey" primary key ("id"));`);
    this.addSql(`alter table "projects" add constraint "projects_slug_unique" unique ("slug");`);

    this.addSql(`create table "project_members" ("id" uuid not null, "project_id" uuid not null, "user_id" uuid not null, "role" varchar(32) not null, "granted_by" varchar(16) null, "created_at" timestamptz not null, constraint "project_members_pkey" primary key ("id"));`);
    this.addSql(`create index "project_members_project_id_index" on "project_members" ("project_id");`);
    this.addSql(`create index "project_members_user_id_index" on "project_members" ("user_id");`);
    this.addSql(`alter table "project_members" add constraint "project_members_project_id_user_id_unique" unique ("project_id", "user_id");`);
    this.addSql(`alter table "project_members" add constraint "project_members_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_members" add constraint "project_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`insert into "projects" ("id", "name", "slug", "created_at") values ('00000000-0000-4000-8000-000000000001', 'Default', 'default', now());`);
    this.addSql(`insert into "project_members" ("id", "project_id", "user_id", "role", "granted_by", "created_at") select gen_random_uuid(), '00000000-0000-4000-8000-000000000001', "id", "role", null, now() from "users";`);

    this.addSql(`alter table "audit_events" add column "project_id" uuid null;`);
    this.addSql(`update "audit_events" set "project_id" = '00000000-0000-4000-8000-000000000001';`);
    this.addSql(`alter table "audit_events" add constraint "audit_events_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "audit_events_project_id_index" on "audit_events" ("project_id");`);

    this.addSql(`alter table "models" drop constraint "models_name_unique";`);
    this.addSql(`alter table "models" add column "project_id" uuid null;`);
    this.addSql(`update "models" set "project_id" = '00000000-0000-4000-8000-000000000001' where "source" <> 'PLATFORM';`);
    this.addSql(`alter table "models" add constraint "models_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "models_project_id_index" on "models" ("project_id");`);
    this.addSql(`alter table "models" add constraint "models_project_id_name_unique" unique ("project_id", "name");`);

    this.addSql(`alter table "deployments" add column "project_id" uuid null;`);
    this.addSql(`update "deployments" set "project_id" = '00000000-0000-4000-8000-000000000001';`);
    this.addSql(`alter table "deployments" alter column "project_id" set not null;`);
    this.addSql(`alter table "deployments" add constraint "deployments_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "deployments_project_id_index" on "deployments" ("project_id");`);

    this.addSql(`alter table "connections" drop constraint "connections_name_unique";`);
    this.addSql(`alter table "connections" add column "project_id" uuid null;`);
    this.addSql(`update "connections" set "project_id" = '00000000-0000-4000-8000-000000000001';`);
    this.addSql(`alter table "connections" alter column "project_id" set not null;`);
    this.addSql(`alter table "connections" add constraint "connections_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "connections_project_id_index" on "connections" ("project_id");`);
    this.addSql(`alter table "connections" add constraint "connections_project_id_name_unique" unique ("project_id", "name");`);
  }

}
