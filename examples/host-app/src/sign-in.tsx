import { useState, type FormEvent } from 'react';
import type { SingleSignOn } from './auth-config.js';

/**
 * The host's sign-in: "Sign in with <provider>" when the server offers single sign-on (the provider sends the
 * browser back with `#token=…`), and a Hangar access token, checked with the server before the console opens.
 */
export function SignIn({
  onToken,
  problem,
  checking,
  sso,
}: {
  onToken: (token: string) => void;
  /** Why the last token was refused. */
  problem?: string;
  checking: boolean;
  /** Single sign-on, when the server has it on. */
  sso?: SingleSignOn | null;
}) {
  const [value, setValue] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (value.trim()) onToken(value.trim());
  }
  return (
    <main className="acme-signin">
      <h1>Acme AI Console</h1>
      {sso ? (
        <>
          <a className="acme-sso" href={sso.loginUrl}>
            Sign in with {sso.providerName}
          </a>
          <p className="acme-hint">or use a Hangar access token:</p>
        </>
      ) : null}
      <form onSubmit={submit} noValidate>
        <label htmlFor="token">Hangar access token</label>
        <input
          id="token"
          type="password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'token-problem token-hint' : 'token-hint'}
        />
        {problem ? (
          <p id="token-problem" role="alert" className="acme-error">
            {problem}
          </p>
        ) : null}
        <p id="token-hint" className="acme-hint">
          On a fresh install the first admin&apos;s token is in <code>data/admin-token</code> at the root of
          the Hangar repository (or in <code>$HANGAR_DATA_DIR/admin-token</code> when that is set). The server
          also prints a sign-in link on its first start.
        </p>
        <button type="submit" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
