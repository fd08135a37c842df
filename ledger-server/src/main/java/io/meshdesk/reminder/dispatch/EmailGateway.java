package io.meshdesk.reminder.dispatch;

import io.meshdesk.reminder.domain.Delivery;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Sends reminders by SMTP (Jakarta Mail, Eclipse Angus). The Message-ID is derived from the
 * delivery id, so a resend after a crash carries the same id and a mailbox can drop it.
 */
public final class EmailGateway implements Gateway {

  private final SmtpConfig config;
  private final Session session;

  public EmailGateway(SmtpConfig config) {
    this.config = config;
    Properties p = new Properties();
    p.put("mail.smtp.host", config.host());
    p.put("mail.smtp.port", Integer.toString(config.port()));
    p.put("mail.smtp.connectiontimeout", Long.toString(config.timeout().toMillis()));
    p.put("mail.smtp.timeout", Long.toString(config.timeout().toMillis()));
    p.put("mail.smtp.writetimeout", Long.toString(config.timeout().toMillis()));
    p.put("mail.smtp.auth", Boolean.toString(!config.username().isEmpty()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(config.startTls()));
    this.session = Session.getInstance(p);
  }

  /** The Message-ID a delivery is sent with. */
  public static String messageId(Delivery d) {
    return "<" + d.id() + "@reminders.meshdesk>";
  }

  @Override
  public void send(Delivery delivery, String signingSecret) throws DeliveryFailedException {
    try {
      MimeMessage m = new FixedIdMessage(session, messageId(delivery));
      m.setFrom(new InternetAddress(config.from()));
      m.setRecipients(
          Message.RecipientType.TO, InternetAddress.parse(delivery.destination(), true));
      m.setSubject(MessageTemplates.subject(delivery), StandardCharsets.UTF_8.name());
      m.setText(MessageTemplates.body(delivery), StandardCharsets.UTF_8.name());
      m.setHeader("X-Meshdesk-Delivery-Id", delivery.id().toString());
      if (config.username().isEmpty()) {
        Transport.send(m);
      } else {
        Transport.send(m, config.username(), config.password());
      }
    } catch (MessagingException e) {
      throw new DeliveryFailedException("smtp: " + e.getMessage(), e);
    }
  }

  /** Keeps the Message-ID we set instead of generating one on save. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
