import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * A sign-in in progress, between `/auth/oidc/login` and the provider's redirect back. Kept in the database (not in
 * a cookie) so that the callback can claim it once across every instance: deleting the row is the claim, and a
 * replayed `state` finds nothing. The browser's cookie holds the state itself, binding the callback to the browser
 * that started it; the row is keyed by the state's SHA-256, so the table alone cannot finish a sign-in.
 */
@Entity({ tableName: 'oidc_login_states' })
export class OidcLoginState {
  @PrimaryKey({ type: 'string', length: 64 })
  stateHash!: string;

  @Property({ type: 'string', length: 100 })
  nonce!: string;

  /** PKCE: the verifier whose S256 challenge went to the provider. */
  @Property({ type: 'string', length: 200 })
  codeVerifier!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
