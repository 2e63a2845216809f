import { Migration } from '@mikro-orm/migrations';

export class Migration20261202151000_ProjectBudgets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`projects\` add column \`monthly_token_budget\` double null;`);
  }

}
