import { Migration } from '@mikro-orm/migrations';

export class Migration20261126231441_ModelImport extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`connections\` (\`id\` text not null, \`name\` text not null, \`encrypted_token\` text not null, \`token_hint\` text not null, \`created_by_id\` text null, \`created_at\` datetime not null, constraint \`connections_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`connections_name_unique\` on \`connections\` (\`name\`);`);
    this.addSql(`create index \`connections_created_by_id_index\` on \`connections\` (\`created_by_id\`);`);

    this.addSql(`alter table \`models\` add column \`upload_id\` text null;`);
    this.addSql(`alter table \`models\` add column \`import_error_class\` text null;`);
    this.addSql(`alter table \`models\` add column \`bytes_received\` bigint not null default 0;`);
    this.addSql(`alter table \`models\` add column \`bytes_total\` bigint null;`);
    this.addSql(`alter table \`models\` add column \`suggested_deploy_config\` json null;`);
    this.addSql(`alter table \`models\` add column \`connection_id\` text null;`);
    this.addSql(`create unique index \`models_upload_id_unique\` on \`models\` (\`upload_id\`);`);
  }

}
