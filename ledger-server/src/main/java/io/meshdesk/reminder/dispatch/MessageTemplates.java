package io.meshdesk.reminder.dispatch;

import io.meshdesk.reminder.domain.Delivery;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/** The text of reminders: e-mail subject and body, and the webhook JSON body. */
public final class MessageTemplates {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private MessageTemplates() {}

  /** E-mail subject line. */
  public static String subject(Delivery d) {
    return switch (d.kind()) {
      case DAYS_BEFORE_DUE -> "Payment of " + amount(d) + " due on " + date(d);
      case STATEMENT_READY -> "Your card statement is ready";
      case PAYMENT_RECEIVED -> "We received your payment of " + amount(d);
      case UTILIZATION_ABOVE -> "Your card balance passed your alert threshold";
    };
  }

  /** E-mail body (plain text). */
  public static String body(Delivery d) {
    String hello = "Hello " + d.content().holder() + ",\n\n";
    String text =
        switch (d.kind()) {
          case DAYS_BEFORE_DUE ->
              "Your minimum payment of " + amount(d) + " is due on " + date(d) + ".\n";
          case STATEMENT_READY ->
              "Your new statement is ready. Minimum payment "
                  + amount(d)
                  + ", due on "
                  + date(d)
                  + ".\n";
          case PAYMENT_RECEIVED ->
              "Thank you: your payment of " + amount(d) + " was posted to your card.\n";
          case UTILIZATION_ABOVE ->
              "Your balance and pending holds now stand at " + amount(d) + ".\n";
        };
    return hello + text + "\nReference: " + d.id() + "\n";
  }

  /** Webhook JSON body. */
  public static String json(Delivery d) {
    StringBuilder sb = new StringBuilder(256).append('{');
    field(sb, "delivery_id", d.id().toString()).append(',');
    field(sb, "card_id", d.cardId().toString()).append(',');
    field(sb, "kind", d.kind().name()).append(',');
    field(sb, "reference", d.ref()).append(',');
    field(sb, "holder", d.content().holder()).append(',');
    sb.append("\"amount_minor\":").append(d.content().amountMinor()).append(',');
    field(sb, "currency", d.content().currency()).append(',');
    if (d.content().paymentDueDate() != null) {
      field(sb, "due_date", d.content().paymentDueDate().toString()).append(',');
    }
    if (d.offsetDays() > 0) {
      sb.append("\"days_before\":").append(d.offsetDays()).append(',');
    }
    field(sb, "due_at", d.dueAt().toString());
    return sb.append('}').toString();
  }

  static String amount(Delivery d) {
    String code = d.content().currency();
    int digits;
    try {
      digits = Math.max(Currency.getInstance(code).getDefaultFractionDigits(), 0);
    } catch (IllegalArgumentException e) {
      digits = 2;
    }
    return BigDecimal.valueOf(d.content().amountMinor(), digits).toPlainString() + " " + code;
  }

  private static String date(Delivery d) {
    return d.content().paymentDueDate() == null ? "-" : DATE.format(d.content().paymentDueDate());
  }

  private static StringBuilder field(StringBuilder sb, String name, String value) {
    sb.append('"').append(name).append("\":\"");
    for (char ch : value.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"');
  }
}
