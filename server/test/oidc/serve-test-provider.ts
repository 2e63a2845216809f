// The test OpenID Connect provider as a process of its own, for the host app's browser test (which runs in another
// workspace): `node --import tsx serve-test-provider.ts` with OIDC_TEST_REDIRECT_URI and OIDC_TEST_ACCOUNTS (JSON:
// { "<sub>": { email, name, groups } }); prints one JSON line with the issuer and the client's credentials.
import { startTestProvider, type TestAccount } from './test-provider.js';

const provider = await startTestProvider();
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}') as Record<string, TestAccount>;
for (const [sub, account] of Object.entries(accounts)) provider.accounts.set(sub, account);
provider.register(process.env.OIDC_TEST_REDIRECT_URI ?? 'http://localhost:4000/auth/oidc/callback');
process.stdout.write(
  JSON.stringify({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
  }) + '\n',
);
process.on('SIGTERM', () => void provider.close().then(() => process.exit(0)));
