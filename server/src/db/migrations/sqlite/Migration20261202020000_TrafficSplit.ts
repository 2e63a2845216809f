import { Migration } from '@mikro-orm/migrations';

export class Migration20261202020000_TrafficSplit extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`deployments\` add column \`canary\` json null;`);
  }

}
