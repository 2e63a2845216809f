import { Migration } from '@mikro-orm/migrations';

export class Migration20261202020001_TrafficSplit extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "deployments" add column "canary" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "deployments" drop column "canary";`);
  }

}
