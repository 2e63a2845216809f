import { Migration } from '@mikro-orm/migrations';

export class Migration20261202134037_Budgets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`api_keys\` add column \`monthly_token_budget\` double null;`);

    // One row per budget and month: its primary key is what lets exactly one instance send the 80 % warning.
    this.addSql(`create table \`budget_warnings\` (\`subject_kind\` text not null, \`subject_id\` text not null, \`period_start\` integer not null, \`used_tokens\` double not null, \`budget\` double not null, \`at\` datetime not null, primary key (\`subject_kind\`, \`subject_id\`, \`period_start\`));`);

    this.addSql(`alter table \`metric_rollups\` add column \`replica_seconds\` double not null default 0;`);
  }

}
