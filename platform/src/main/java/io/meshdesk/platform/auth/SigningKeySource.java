package io.meshdesk.platform.auth;

import com.nimbusds.jose.jwk.JWK;
import java.util.Optional;

/**
 * Public keys that verify access tokens, by key id. Implementations cache the identity service's
 * key set and refresh it when an unknown {@code kid} appears (key rotation).
 */
@FunctionalInterface
public interface SigningKeySource {

  /** The public key with this id, if known (after a refresh when needed). */
  Optional<JWK> find(String kid);
}
