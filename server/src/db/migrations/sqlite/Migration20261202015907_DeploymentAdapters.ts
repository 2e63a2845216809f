import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015907_DeploymentAdapters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`deployments\` add column \`adapter_model_ids\` json not null default '[]';`);
  }

}
