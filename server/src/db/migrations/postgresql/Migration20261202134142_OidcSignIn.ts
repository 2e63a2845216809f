import { Migration } from '@mikro-orm/migrations';

export class Migration20261202134142_OidcSignIn extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "oidc_login_states" ("state_hash" varchar(64) not null, "nonce" varchar(100) not null, "code_verifier" varchar(200) not null, "expires_at" timestamptz not null, "created_at" timestamptz not null, constraint "oidc_login_states_pkey" primary key ("state_hash"));`);

    this.addSql(`alter table "users" add column "oidc_issuer" varchar(500) null, add column "oidc_subject" varchar(300) null;`);
    this.addSql(`alter table "users" add constraint "users_oidc_issuer_oidc_subject_unique" unique ("oidc_issuer", "oidc_subject");`);

    this.addSql(`alter table "access_tokens" add column "expires_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "oidc_login_states" cascade;`);

    this.addSql(`alter table "access_tokens" drop column "expires_at";`);

    this.addSql(`alter table "users" drop constraint "users_oidc_issuer_oidc_subject_unique";`);
    this.addSql(`alter table "users" drop column "oidc_issuer", drop column "oidc_subject";`);
  }

}
