package io.meshdesk.identity.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private signing keys at rest with AES-256-GCM. The key-encryption key comes from {@code
 * MESHDESK_KEY_ENCRYPTION_KEY} (scheme {@code aes-gcm:env}), which ticket-server requires; only
 * {@code meshctl dev} and tests may instead use a key generated at first start and kept in the
 * database ({@code aes-gcm:local}), which protects against leaks of the key table alone.
 */
public final class KeySealer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String scheme;

  public KeySealer(byte[] key, String scheme) {
    this.key = new SecretKeySpec(key, "AES");
    this.scheme = scheme;
  }

  /** The scheme name stored with sealed values. */
  public String scheme() {
    return scheme;
  }

  /** Encrypts; the result is base64(nonce || ciphertext+tag). */
  public String seal(String plaintext) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal key", e);
    }
  }

  /** Decrypts a value sealed with the same key; fails if the key is wrong or the value tampered. */
  public String open(String sealed) {
    try {
      byte[] all = Base64.getDecoder().decode(sealed);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot decrypt a signing key: MESHDESK_KEY_ENCRYPTION_KEY differs from the one that sealed it",
          e);
    }
  }
}
