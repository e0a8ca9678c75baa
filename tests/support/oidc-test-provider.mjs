// A local OpenID Connect provider (oidc-provider) on loopback, for the OIDC sign-in tests only.
// Usage: node tests/support/oidc-test-provider.mjs <port> <client_id> <client_secret> <redirect_uri>
// Accounts: any login name is accepted; its email is <login>@<OIDC_TEST_EMAIL_DOMAIN>. Prints "ready".
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const domain = process.env.OIDC_TEST_EMAIL_DOMAIN ?? 'test.aiwr.local';

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  async findAccount(_ctx, sub) {
    return { accountId: sub, claims: () => ({ sub, email: `${sub}@${domain}`, email_verified: true }) };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  conformIdTokenClaims: false, // put the email in the ID token, which is what the API reads
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['oidc-test-provider-only'] },
});
provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
