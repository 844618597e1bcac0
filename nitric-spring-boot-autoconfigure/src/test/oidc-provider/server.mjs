// A real OIDC issuer for tests: panva's oidc-provider, issuing JWT access tokens with the client_credentials grant.
//
// Usage: node server.mjs [port]          (port 0 or absent: an ephemeral port)
// Environment (all optional):
//   OIDC_CLIENT_ID / OIDC_CLIENT_SECRET   the confidential client (client_secret_basic or client_secret_post)
//   OIDC_SCOPES                           space-delimited scopes the client may ask for
//   OIDC_ALG                              RS256 (default) or ES256: how access tokens are signed
//   OIDC_DEFAULT_RESOURCE                 the audience when a token request names no resource
//
// The audience of a token is the resource indicator of the request (RFC 8707 `resource`, an absolute URI).
// The issuer is http://127.0.0.1:<port>. Once it answers, one line is printed on stdout:
//   oidc-provider ready at http://127.0.0.1:<port>
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';

import Provider from 'oidc-provider';

const requestedPort = Number.parseInt(process.argv[2] ?? process.env.PORT ?? '0', 10);
const clientId = process.env.OIDC_CLIENT_ID ?? 'nitric-test';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'nitric-test-secret';
const scopes = (process.env.OIDC_SCOPES ?? 'user.read user.write a b c').split(/\s+/).filter((scope) => scope !== '');
const alg = process.env.OIDC_ALG ?? 'RS256';
const defaultResource = process.env.OIDC_DEFAULT_RESOURCE ?? 'urn:nitric:test';

if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
	console.error(`Invalid port: ${process.argv[2]}`);
	process.exit(2);
}
if (alg !== 'RS256' && alg !== 'ES256') {
	console.error(`Unsupported OIDC_ALG ${alg}: use RS256 or ES256`);
	process.exit(2);
}

// Fresh keys per run (no development-key warning); both are published, the access tokens use OIDC_ALG.
function jwk(type, options, kid, keyAlg) {
	const { privateKey } = generateKeyPairSync(type, options);
	return { ...privateKey.export({ format: 'jwk' }), kid, alg: keyAlg, use: 'sig' };
}
const keys = [
	jwk('rsa', { modulusLength: 2048 }, `rsa-${randomUUID()}`, 'RS256'),
	jwk('ec', { namedCurve: 'P-256' }, `ec-${randomUUID()}`, 'ES256'),
];

const server = createServer();
server.listen(requestedPort, '127.0.0.1', () => {
	const { port } = server.address();
	const issuer = `http://127.0.0.1:${port}`;
	const provider = new Provider(issuer, {
		jwks: { keys },
		clients: [
			{
				client_id: clientId,
				client_secret: clientSecret,
				grant_types: ['client_credentials'],
				redirect_uris: [],
				response_types: [],
				token_endpoint_auth_method: 'client_secret_basic',
				scope: scopes.join(' '),
			},
		],
		clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
		scopes: ['openid', ...scopes],
		features: {
			devInteractions: { enabled: false },
			clientCredentials: { enabled: true },
			introspection: { enabled: false },
			revocation: { enabled: false },
			resourceIndicators: {
				// Without this feature, access tokens are opaque.
				enabled: true,
				defaultResource: () => defaultResource,
				useGrantedResource: () => true,
				getResourceServerInfo: (ctx, resourceIndicator) => ({
					scope: scopes.join(' '),
					audience: resourceIndicator,
					accessTokenFormat: 'jwt',
					accessTokenTTL: 300,
					jwt: { sign: { alg } },
				}),
			},
		},
	});
	server.on('request', provider.callback());
	console.log(`oidc-provider ready at ${issuer}`);
});

function stop() {
	server.close(() => process.exit(0));
	server.closeAllConnections();
	setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
