package io.meshdesk.reminder.dispatch;

import io.meshdesk.platform.config.Env;
import java.time.Duration;

/**
 * SMTP settings of the e-mail gateway.
 *
 * @param host server host ({@code MESHDESK_SMTP_HOST}, default localhost)
 * @param port server port ({@code MESHDESK_SMTP_PORT}, default 25)
 * @param from sender address ({@code MESHDESK_SMTP_FROM}, default reminders@meshdesk.local)
 * @param username login, empty for none ({@code MESHDESK_SMTP_USERNAME})
 * @param password password ({@code MESHDESK_SMTP_PASSWORD})
 * @param startTls require STARTTLS ({@code MESHDESK_SMTP_STARTTLS}, default false)
 * @param timeout connect and read timeout ({@code MESHDESK_SMTP_TIMEOUT}, default 10s)
 */
public record SmtpConfig(
    String host,
    int port,
    String from,
    String username,
    String password,
    boolean startTls,
    Duration timeout) {

  /** Reads {@code MESHDESK_SMTP_*}. */
  public static SmtpConfig fromEnv(Env env) {
    return new SmtpConfig(
        env.string("MESHDESK_SMTP_HOST", "localhost"),
        env.port("MESHDESK_SMTP_PORT", 25),
        env.string("MESHDESK_SMTP_FROM", "reminders@meshdesk.local"),
        env.string("MESHDESK_SMTP_USERNAME", ""),
        env.string("MESHDESK_SMTP_PASSWORD", ""),
        env.bool("MESHDESK_SMTP_STARTTLS", false),
        env.duration("MESHDESK_SMTP_TIMEOUT", Duration.ofSeconds(10)));
  }

  /** Plain SMTP on loopback (tests, dev). */
  public static SmtpConfig loopback(int port) {
    return new SmtpConfig(
        "127.0.0.1", port, "reminders@meshdesk.local", "", "", false, Duration.ofSeconds(5));
  }

  @Override
  public String toString() {
    return "SmtpConfig[host="
        + host
        + ", port="
        + port
        + ", from="
        + from
        + ", startTls="
        + startTls
        + "]";
  }
}
