package io.meshdesk.platform.auth;

/** Turns a bearer access token into a {@link Principal}, or refuses it. */
@FunctionalInterface
public interface TokenVerifier {

  /**
   * Verifies the token.
   *
   * @throws io.meshdesk.platform.errors.UnauthenticatedException when it is not a valid, current
   *     Meshdesk access token (bad signature, unknown key, expired, wrong issuer or audience,
   *     suspended tenant...)
   */
  Principal verify(String token);
}
