import { Migration } from '@mikro-orm/migrations';

export class Migration20261202013858_MetricRollups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "metric_latency_buckets" ("scope" varchar(16) not null, "subject_id" varchar(64) not null, "minute" int not null, "bucket" smallint not null, "count" int not null default 0, constraint "metric_latency_buckets_pkey" primary key ("scope", "subject_id", "minute", "bucket"));`);
    this.addSql(`create index "metric_latency_buckets_minute_index" on "metric_latency_buckets" ("minute");`);

    this.addSql(`create table "metric_rollups" ("scope" varchar(16) not null, "subject_id" varchar(64) not null, "minute" int not null, "requests" int not null default 0, "errors" int not null default 0, "prompt_tokens" bigint not null default 0, "completion_tokens" bigint not null default 0, "replicas" int not null default 0, constraint "metric_rollups_pkey" primary key ("scope", "subject_id", "minute"));`);
    this.addSql(`create index "metric_rollups_minute_index" on "metric_rollups" ("minute");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "metric_latency_buckets" cascade;`);

    this.addSql(`drop table if exists "metric_rollups" cascade;`);
  }

}
