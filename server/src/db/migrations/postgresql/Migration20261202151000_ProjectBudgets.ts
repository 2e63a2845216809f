import { Migration } from '@mikro-orm/migrations';

export class Migration20261202151000_ProjectBudgets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "projects" add column "monthly_token_budget" double precision null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "projects" drop column "monthly_token_budget";`);
  }

}
