import { Migration } from '@mikro-orm/migrations';

export class Migration20261202134038_Budgets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "api_keys" add column "monthly_token_budget" double precision null;`);

    // One row per budget and month: its primary key is what lets exactly one instance send the 80 % warning.
    this.addSql(`create table "budget_warnings" ("subject_kind" varchar(16) not null, "subject_id" varchar(64) not null, "period_start" int not null, "used_tokens" double precision not null, "budget" double precision not null, "at" timestamptz not null, constraint "budget_warnings_pkey" primary key ("subject_kind", "subject_id", "period_start"));`);

    this.addSql(`alter table "metric_rollups" add column "replica_seconds" double precision not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "metric_rollups" drop column "replica_seconds";`);

    this.addSql(`drop table if exists "budget_warnings" cascade;`);

    this.addSql(`alter table "api_keys" drop column "monthly_token_budget";`);
  }

}
