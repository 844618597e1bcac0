package dev.nitric.spring.test.issuers;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The application {@link SpringAuthorizationServerIssuer} runs: Spring Boot's authorization-server auto-configuration
 * (the client comes from properties), plus a signing key of the chosen algorithm and a token customizer that honours
 * the custom token request parameters {@value #AUDIENCE}, {@value #SUBJECT} and {@value #SCOPE_CLAIM}.
 * <p>
 * Deliberately a plain {@code @Configuration}, not a {@code @SpringBootConfiguration}: {@code @SpringBootTest} searches
 * enclosing packages (recursively) for the latter, and must never find this one. Nitric's own auto-configurations are
 * excluded; the issuer is not an application under test.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = { "dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration",
		"dev.nitric.spring.autoconfigure.storage.NitricStorageAutoConfiguration",
		"dev.nitric.spring.autoconfigure.gateway.NitricGatewayAutoConfiguration" })
class SpringAuthorizationServerIssuerConfiguration {

	/**
	 * Token request parameter: the {@code aud} of the access token.
	 */
	static final String AUDIENCE = "audience";

	/**
	 * Token request parameter: the {@code sub} of the access token.
	 */
	static final String SUBJECT = "subject";

	/**
	 * Token request parameter: {@code string} for a space-delimited {@code scope} claim, {@code array} for an array.
	 */
	static final String SCOPE_CLAIM = "scope_claim";

	/**
	 * Property: the {@link SigningAlgorithm} of access tokens.
	 */
	static final String ALGORITHM_PROPERTY = "nitric.test.issuer.algorithm";

	@Bean
	JWKSource<SecurityContext> jwkSource(@Value("${" + ALGORITHM_PROPERTY + ":RS256}") SigningAlgorithm algorithm)
			throws GeneralSecurityException {
		String kid = algorithm.name().toLowerCase() + "-" + UUID.randomUUID();
		JWK key;
		if (algorithm == SigningAlgorithm.ES256) {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			key = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
				.privateKey((ECPrivateKey) pair.getPrivate())
				.keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.build();
		}
		else {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
				.privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
		}
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> nitricTestTokenCustomizer(
			@Value("${" + ALGORITHM_PROPERTY + ":RS256}") SigningAlgorithm algorithm) {
		return (context) -> {
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				return;
			}
			if (algorithm == SigningAlgorithm.ES256) {
				context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
			}
			Map<String, Object> parameters = (context
				.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant)
						? grant.getAdditionalParameters() : Map.of();
			if (parameters.get(AUDIENCE) instanceof String audience) {
				context.getClaims().audience(List.of(audience));
			}
			if (parameters.get(SUBJECT) instanceof String subject) {
				context.getClaims().subject(subject);
			}
			if ("string".equals(parameters.get(SCOPE_CLAIM))) {
				List<String> scopes = List.copyOf(context.getAuthorizedScopes());
				if (!scopes.isEmpty()) {
					context.getClaims().claim("scope", String.join(" ", scopes));
				}
			}
		};
	}

}
