import { Migration } from '@mikro-orm/migrations';

export class Migration20261126225854_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_events" ("id" uuid not null, "actor_id" uuid null, "actor_name" varchar(200) not null, "action" varchar(100) not null, "target_type" varchar(100) not null, "target_id" varchar(300) null, "details" jsonb null, "at" timestamptz not null, constraint "audit_events_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_events_at_index" on "audit_events" ("at");`);

    this.addSql(`create table "users" ("id" uuid not null, "name" varchar(200) not null, "role" varchar(32) not null, "email" varchar(320) null, "external_id" varchar(300) null, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_external_id_unique" unique ("external_id");`);

    this.addSql(`create table "models" ("id" uuid not null, "name" varchar(200) not null, "description" text not null default '', "tags" jsonb not null, "source" varchar(32) not null, "kind" varchar(32) not null default 'BASE', "base_model_id" uuid null, "format" varchar(32) not null default 'UNKNOWN', "size_bytes" bigint not null default 0, "status" varchar(32) not null default 'READY_TO_DEPLOY', "status_detail" text null, "catalog_entry_id" varchar(200) null, "hugging_face_repo_id" varchar(300) null, "storage_path" varchar(1000) null, "facts" jsonb null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "models_pkey" primary key ("id"));`);
    this.addSql(`alter table "models" add constraint "models_name_unique" unique ("name");`);
    this.addSql(`create index "models_created_at_index" on "models" ("created_at");`);

    this.addSql(`create table "deployments" ("id" uuid not null, "deployment_id" varchar(40) not null, "model_id" uuid not null, "name" varchar(200) not null, "description" text not null default '', "tags" jsonb not null, "status" varchar(32) not null default 'DEPLOYING', "failure_reason" text null, "config" jsonb not null, "endpoint_timeout_seconds" int not null default 60, "current_version" int not null default 0, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "deployments_pkey" primary key ("id"));`);
    this.addSql(`alter table "deployments" add constraint "deployments_deployment_id_unique" unique ("deployment_id");`);
    this.addSql(`create index "deployments_model_id_status_index" on "deployments" ("model_id", "status");`);

    this.addSql(`create table "deployment_versions" ("id" uuid not null, "deployment_id" uuid not null, "version" int not null, "name" varchar(220) not null, "trigger" varchar(32) not null, "rolled_back_from" int null, "config" jsonb not null, "description" text not null default '', "tags" jsonb not null, "deployed_by_id" uuid null, "started_at" timestamptz not null, "ended_at" timestamptz null, "status" varchar(32) not null default 'DEPLOYING', "failure_reason" text null, "undeployed_by_id" uuid null, "undeployed_by_system" boolean not null default false, "undeploy_reason" text null, "undeploy_started_at" timestamptz null, "undeploy_ended_at" timestamptz null, constraint "deployment_versions_pkey" primary key ("id"));`);
    this.addSql(`alter table "deployment_versions" add constraint "deployment_versions_deployment_id_version_unique" unique ("deployment_id", "version");`);

    this.addSql(`create table "deployment_events" ("id" uuid not null, "deployment_id" uuid not null, "version" int null, "level" varchar(32) not null default 'INFO', "message" text not null, "at" timestamptz not null, constraint "deployment_events_pkey" primary key ("id"));`);
    this.addSql(`create index "deployment_events_deployment_id_at_index" on "deployment_events" ("deployment_id", "at");`);

    this.addSql(`create table "api_keys" ("id" uuid not null, "deployment_id" uuid not null, "name" varchar(200) not null, "prefix" varchar(32) not null, "hash" varchar(64) not null, "rate_limit_per_minute" int null, "created_by_id" uuid null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "expires_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_hash_unique" unique ("hash");`);
    this.addSql(`create index "api_keys_deployment_id_index" on "api_keys" ("deployment_id");`);

    this.addSql(`create table "access_tokens" ("id" uuid not null, "user_id" uuid not null, "name" varchar(200) not null, "prefix" varchar(32) not null, "hash" varchar(64) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "access_tokens_pkey" primary key ("id"));`);
    this.addSql(`alter table "access_tokens" add constraint "access_tokens_hash_unique" unique ("hash");`);

    this.addSql(`alter table "models" add constraint "models_base_model_id_foreign" foreign key ("base_model_id") references "models" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "models" add constraint "models_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "deployments" add constraint "deployments_model_id_foreign" foreign key ("model_id") references "models" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "deployments" add constraint "deployments_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "deployment_versions" add constraint "deployment_versions_deployment_id_foreign" foreign key ("deployment_id") references "deployments" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "deployment_versions" add constraint "deployment_versions_deployed_by_id_foreign" foreign key ("deployed_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "deployment_versions" add constraint "deployment_versions_undeployed_by_id_foreign" foreign key ("undeployed_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "deployment_events" add constraint "deployment_events_deployment_id_foreign" foreign key ("deployment_id") references "deployments" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_keys" add constraint "api_keys_deployment_id_foreign" foreign key ("deployment_id") references "deployments" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "access_tokens" add constraint "access_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "models" drop constraint "models_created_by_id_foreign";`);

    this.addSql(`alter table "deployments" drop constraint "deployments_created_by_id_foreign";`);

    this.addSql(`alter table "deployment_versions" drop constraint "deployment_versions_deployed_by_id_foreign";`);

    this.addSql(`alter table "deployment_versions" drop constraint "deployment_versions_undeployed_by_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_created_by_id_foreign";`);

    this.addSql(`alter table "access_tokens" drop constraint "access_tokens_user_id_foreign";`);

    this.addSql(`alter table "models" drop constraint "models_base_model_id_foreign";`);

    this.addSql(`alter table "deployments" drop constraint "deployments_model_id_foreign";`);

    this.addSql(`alter table "deployment_versions" drop constraint "deployment_versions_deployment_id_foreign";`);

    this.addSql(`alter table "deployment_events" drop constraint "deployment_events_deployment_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_deployment_id_foreign";`);

    this.addSql(`drop table if exists "audit_events" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "models" cascade;`);

    this.addSql(`drop table if exists "deployments" cascade;`);

    this.addSql(`drop table if exists "deployment_versions" cascade;`);

    this.addSql(`drop table if exists "deployment_events" cascade;`);

    this.addSql(`drop table if exists "api_keys" cascade;`);

    this.addSql(`drop table if exists "access_tokens" cascade;`);
  }

}
