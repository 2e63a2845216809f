import { Migration } from '@mikro-orm/migrations';

export class Migration20261201222945_ReadyNotifiedAt extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "deployment_versions" add column "notified_at" timestamptz null;`);
    // Versions that reached SUCCESS before this column existed were announced then: never again.
    this.addSql(
      `update "deployment_versions" set "notified_at" = "ended_at" where "status" = 'SUCCESS';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "deployment_versions" drop column "notified_at";`);
  }

}
