/**
 * Test fixtures that start real OIDC issuers and mint access tokens with them, so that gateway emulation tests use
 * tokens as real issuers shape them instead of hand-made JSON: {@link dev.nitric.spring.test.issuers.OidcIssuer},
 * implemented by {@link dev.nitric.spring.test.issuers.SpringAuthorizationServerIssuer} (in-process) and
 * {@link dev.nitric.spring.test.issuers.NodeOidcProvider} (panva's {@code oidc-provider}, a separate node process);
 * {@link dev.nitric.spring.test.issuers.CompactJwt} reads and verifies what they mint.
 */
@NullMarked
package dev.nitric.spring.test.issuers;

import org.jspecify.annotations.NullMarked;
