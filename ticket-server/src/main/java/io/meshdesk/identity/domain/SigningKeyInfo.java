package io.meshdesk.identity.domain;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;

/** A public verification key with its lifecycle; {@code expiresAt} null while it signs. */
public record SigningKeyInfo(
    String kid, ECKey publicJwk, boolean active, Instant createdAt, Instant expiresAt) {}
