package io.meshdesk.reminder.dispatch;

import io.meshdesk.reminder.domain.Delivery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs reminders as JSON, signed with the rule's secret over a timestamp and the body (see {@link
 * WebhookSignature}), with {@code Idempotency-Key: <delivery id>}. A rule without a secret is never
 * sent. Only a 2xx answer counts as delivered; redirects are not followed.
 *
 * <p>Against server-side request forgery the destination's host is resolved once, every address it
 * resolves to must pass {@link WebhookAddressPolicy}, and the request goes to exactly the checked
 * address: a DNS answer that changes between check and connect (rebinding) is never looked up.
 * Private destinations are allowed only when the operator turns that on for tests.
 */
public final class WebhookGateway implements Gateway {

  /** Header carrying the delivery id. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final Logger log = LoggerFactory.getLogger(WebhookGateway.class);

  private final HostResolver resolver;
  private final boolean allowPrivate;
  private final PinnedHttpPost http;
  private final Clock clock;

  /**
   * @param resolver host name lookup
   * @param allowPrivate true to let webhooks reach loopback and private addresses (tests only)
   * @param tls TLS sockets for https destinations
   * @param timeout connect timeout, and the longest wait for each read
   */
  public WebhookGateway(
      HostResolver resolver,
      boolean allowPrivate,
      SSLSocketFactory tls,
      Duration timeout,
      Clock clock) {
    this.resolver = resolver;
    this.allowPrivate = allowPrivate;
    this.http = new PinnedHttpPost(tls, timeout);
    this.clock = clock;
    if (allowPrivate) {
      log.warn(
          "{}=true: reminder webhooks may reach loopback, private and link-local addresses;"
              + " meant for tests on one machine, never for production",
          DispatchConfig.ALLOW_PRIVATE_ENV);
    }
  }

  /** A gateway with the system resolver and TLS defaults. */
  public static WebhookGateway create(DispatchConfig config, Clock clock) {
    return new WebhookGateway(
        HostResolver.SYSTEM,
        config.allowPrivateWebhooks(),
        defaultTls(),
        config.sendTimeout(),
        clock);
  }

  static SSLSocketFactory defaultTls() {
    try {
      return SSLContext.getDefault().getSocketFactory();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  @Override
  public void send(Delivery delivery, String signingSecret) throws DeliveryFailedException {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new DeliveryFailedException("webhook rule has no signing secret; not sent", null);
    }
    URI uri = destination(delivery.destination());
    byte[] body = MessageTemplates.json(delivery).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put(IDEMPOTENCY_HEADER, delivery.id().toString());
    headers.put(
        WebhookSignature.HEADER, WebhookSignature.sign(signingSecret, clock.instant(), body));
    try {
      int status = http.post(uri, checkedAddress(uri.getHost()), headers, body);
      if (status / 100 != 2) {
        throw new DeliveryFailedException("webhook answered HTTP " + status, null);
      }
    } catch (IOException e) {
      throw new DeliveryFailedException(
          "webhook: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }

  private static URI destination(String url) throws DeliveryFailedException {
    try {
      URI uri = URI.create(url);
      String scheme =
          uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http"))
          || uri.getHost() == null
          || uri.getRawUserInfo() != null) {
        throw new DeliveryFailedException(
            "webhook destination is not an http(s) URL with a host", null);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new DeliveryFailedException("webhook destination is not a valid URL", null);
    }
  }

  /**
   * Resolves {@code host} once and returns the address to connect to, if every answer may be
   * reached.
   */
  private InetAddress checkedAddress(String host) throws IOException, DeliveryFailedException {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    List<InetAddress> addresses = resolver.resolve(name);
    if (addresses.isEmpty()) {
      throw new DeliveryFailedException("webhook destination " + host + " has no address", null);
    }
    if (!allowPrivate) {
      for (InetAddress a : addresses) {
        String why = WebhookAddressPolicy.refusal(a);
        if (why != null) {
          throw new DeliveryFailedException(
              "webhook destination refused: " + host + " resolves to a " + why + " address", null);
        }
      }
    }
    return addresses.getFirst();
  }
}
