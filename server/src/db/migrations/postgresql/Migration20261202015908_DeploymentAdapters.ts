import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015908_DeploymentAdapters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "deployments" add column "adapter_model_ids" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "deployments" drop column "adapter_model_ids";`);
  }

}
