import { Migration } from '@mikro-orm/migrations';

export class Migration20261202013856_MetricRollups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`metric_latency_buckets\` (\`scope\` text not null, \`subject_id\` text not null, \`minute\` integer not null, \`bucket\` integer not null, \`count\` integer not null default 0, primary key (\`scope\`, \`subject_id\`, \`minute\`, \`bucket\`));`);
    this.addSql(`create index \`metric_latency_buckets_minute_index\` on \`metric_latency_buckets\` (\`minute\`);`);

    this.addSql(`create table \`metric_rollups\` (\`scope\` text not null, \`subject_id\` text not null, \`minute\` integer not null, \`requests\` integer not null default 0, \`errors\` integer not null default 0, \`prompt_tokens\` bigint not null default 0, \`completion_tokens\` bigint not null default 0, \`replicas\` integer not null default 0, primary key (\`scope\`, \`subject_id\`, \`minute\`));`);
    this.addSql(`create index \`metric_rollups_minute_index\` on \`metric_rollups\` (\`minute\`);`);
  }

}
