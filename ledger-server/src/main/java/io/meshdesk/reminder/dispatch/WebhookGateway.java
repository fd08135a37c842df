package io.meshdesk.reminder.dispatch;

import io.meshdesk.reminder.domain.Delivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs reminders as JSON, signed with the rule's secret: {@code X-Meshdesk-Signature:
 * sha256=<hex HMAC-SHA256 of the body>}, and {@code Idempotency-Key: <delivery id>}. Only a 2xx
 * answer counts as delivered.
 */
public final class WebhookGateway implements Gateway {

  /** Header carrying the body signature. */
  public static final String SIGNATURE_HEADER = "X-Meshdesk-Signature";
  /** Header carrying the delivery id. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final HttpClient http;
  private final Duration timeout;

  public WebhookGateway(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  /** A gateway with its own HTTP/1.1 client. */
  public static WebhookGateway create(Duration timeout) {
    return new WebhookGateway(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build(), timeout);
  }

  /** {@code sha256=<hex>} of {@code body} under {@code secret}. */
  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  @Override
  public void send(Delivery delivery, String signingSecret) throws DeliveryFailedException {
    byte[] body = MessageTemplates.json(delivery).getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(delivery.destination()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_HEADER, delivery.id().toString())
            .header(SIGNATURE_HEADER, signature(signingSecret == null || signingSecret.isEmpty() ? "unsigned" : signingSecret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new DeliveryFailedException("webhook answered HTTP " + response.statusCode(), null);
      }
    } catch (IOException e) {
      throw new DeliveryFailedException("webhook: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailedException("webhook: interrupted", e);
    }
  }
}
