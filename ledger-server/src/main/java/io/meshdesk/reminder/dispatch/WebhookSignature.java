package io.meshdesk.reminder.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code Meshdesk-Signature: t=<unix seconds>, v1=<hex HMAC-SHA256(secret, t
 * + "." + body)>}. Covering the timestamp lets a receiver refuse a replayed request once it is
 * older than its replay window ({@link #REPLAY_WINDOW} recommended).
 */
public final class WebhookSignature {

  /** Header carrying the signature. */
  public static final String HEADER = "Meshdesk-Signature";

  /** How old a signed timestamp a receiver should still accept (either direction). */
  public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

  private WebhookSignature() {}

  /** The header value for {@code body} signed at {@code at}; the secret must not be blank. */
  public static String sign(String secret, Instant at, byte[] body) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("a webhook signature needs a secret");
    }
    long t = at.getEpochSecond();
    return "t=" + t + ", v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
  }

  /**
   * True when {@code header} is a signature of {@code body} under {@code secret} whose timestamp is
   * within {@code window} of {@code now}.
   */
  public static boolean verify(
      String secret, String header, byte[] body, Instant now, Duration window) {
    if (header == null || secret == null || secret.isBlank()) {
      return false;
    }
    Long t = null;
    byte[] v1 = null;
    for (String part : header.split(",")) {
      String p = part.strip();
      try {
        if (p.startsWith("t=")) {
          t = Long.parseLong(p.substring(2));
        } else if (p.startsWith("v1=")) {
          v1 = HexFormat.of().parseHex(p.substring(3));
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (t == null || v1 == null || Math.abs(now.getEpochSecond() - t) > window.toSeconds()) {
      return false;
    }
    return MessageDigest.isEqual(v1, hmac(secret, t, body));
  }

  private static byte[] hmac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));

      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
