import { Migration } from '@mikro-orm/migrations';

export class Migration20261202134141_OidcSignIn extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`oidc_login_states\` (\`state_hash\` text not null, \`nonce\` text not null, \`code_verifier\` text not null, \`expires_at\` datetime not null, \`created_at\` datetime not null, primary key (\`state_hash\`));`);

    this.addSql(`alter table \`users\` add column \`oidc_issuer\` text null;`);
    this.addSql(`alter table \`users\` add column \`oidc_subject\` text null;`);
    this.addSql(`create unique index \`users_oidc_issuer_oidc_subject_unique\` on \`users\` (\`oidc_issuer\`, \`oidc_subject\`);`);

    this.addSql(`alter table \`access_tokens\` add column \`expires_at\` datetime null;`);
  }

}
