package dev.nitric.spring.test.issuers;

/**
 * How an issuer signs its access tokens.
 */
public enum SigningAlgorithm {

	/**
	 * RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit key: what every gateway accepts.
	 */
	RS256,

	/**
	 * ECDSA on P-256 with SHA-256: GCP's ESPv2 accepts it, AWS's JWT authorizer does not (RSA only).
	 */
	ES256

}
