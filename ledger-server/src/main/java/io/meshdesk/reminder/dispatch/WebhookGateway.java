package io.meshdesk.reminder.dispatch;

import io.meshdesk.reminder.domain.Delivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs reminders as JSON, signed with the rule's secret over a timestamp and the body (see
 * {@link WebhookSignature}), with {@code Idempotency-Key: <delivery id>}. A rule without a secret
 * is never sent. Only a 2xx answer counts as delivered.
 */
public final class WebhookGateway implements Gateway {

  /** Header carrying the delivery id. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  public WebhookGateway(HttpClient http, Duration timeout, Clock clock) {
    this.http = http;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** A gateway with its own HTTP/1.1 client. */
  public static WebhookGateway create(Duration timeout, Clock clock) {
    return new WebhookGateway(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build(), timeout, clock);
  }

  @Override
  public void send(Delivery delivery, String signingSecret) throws DeliveryFailedException {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new DeliveryFailedException("webhook rule has no signing secret; not sent", null);
    }
    byte[] body = MessageTemplates.json(delivery).getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(delivery.destination()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_HEADER, delivery.id().toString())
            .header(WebhookSignature.HEADER, WebhookSignature.sign(signingSecret, clock.instant(), body))
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
