package io.meshdesk.dist.topology;

import com.icegreen.greenmail.util.GreenMail;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.reminder.v1.CreateReminderRuleRequest;
import io.meshdesk.api.reminder.v1.ReminderChannel;
import io.meshdesk.api.reminder.v1.ReminderKind;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc.ReminderServiceBlockingStub;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Reminders as a card holder sees them: {@code n} cards, each with a UTILIZATION_ABOVE rule (10 %)
 * mailing {@code card-<i>@topo.example}. {@link #purchaseNext()} spends half the limit of the next
 * card (retrying an unacknowledged purchase under its idempotency key), which makes that card's
 * reminder due; each mailbox must then receive exactly one mail.
 */
final class CardReminders {

  private final LedgerServiceBlockingStub ledger;
  private final GreenMail smtp;
  private final List<String> cards = new ArrayList<>();
  private int next;

  CardReminders(
      LedgerServiceBlockingStub ledger,
      ReminderServiceBlockingStub reminders,
      GreenMail smtp,
      int n) {
    this.ledger = ledger;
    this.smtp = smtp;
    String product = product(ledger);
    for (int i = 0; i < n; i++) {
      String card = issue(ledger, product, 10_000);
      reminders.createReminderRule(
          CreateReminderRuleRequest.newBuilder()
              .setCardId(card)
              .setKind(ReminderKind.REMINDER_KIND_UTILIZATION_ABOVE)
              .setUtilizationThresholdBps(1000)
              .setChannel(ReminderChannel.REMINDER_CHANNEL_EMAIL)
              .setDestination(mailbox(i))
              .build());
      cards.add(card);
    }
  }

  /** A card product in USD. */
  static String product(LedgerServiceBlockingStub ledger) {
    return ledger
        .createCardProduct(
            CreateCardProductRequest.newBuilder()
                .setName("Topology " + UUID.randomUUID())
                .setNetwork(CardNetwork.CARD_NETWORK_VISA)
                .setCurrency("USD")
                .setPurchaseAprBps(1999)
                .setCashAdvanceAprBps(2599)
                .setGraceDays(25)
                .setMinPayment(
                    MinimumPaymentRule.newBuilder().setFloor(usd(2500)).setPercentBps(100))
                .setLateFee(usd(4000))
                .build())
        .getProduct()
        .getId();
  }

  /** A card of {@code product} with a credit limit of {@code limitMinor} cents. */
  static String issue(LedgerServiceBlockingStub ledger, String product, long limitMinor) {
    return ledger
        .issueCard(
            IssueCardRequest.newBuilder()
                .setProductId(product)
                .setHolderUserId(UUID.randomUUID().toString())
                .setCreditLimit(usd(limitMinor))
                .setBillingCycleDay(28)
                .build())
        .getCard()
        .getId();
  }

  static Money usd(long minor) {
    return Money.newBuilder().setAmountMinor(minor).setCurrency("USD").build();
  }

  private static String mailbox(int i) {
    return "card-" + i + "@topo.example";
  }

  /**
   * Purchases on the next card; returns false when the purchase was refused (it is retried next
   * time).
   */
  synchronized boolean purchaseNext() {
    if (next >= cards.size()) {
      return true;
    }
    try {
      ledger
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .purchase(
              PurchaseRequest.newBuilder()
                  .setCardId(cards.get(next))
                  .setAmount(usd(5_000))
                  .setMerchant(Merchant.newBuilder().setName("Topology Store").setMcc("5999"))
                  .setIdempotencyKey("reminder-" + cards.get(next))
                  .build());
      next++;
      return true;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  /** Whether every card's purchase was acknowledged. */
  synchronized boolean allPurchased() {
    return next == cards.size();
  }

  /** Cards (mailboxes) expected to get a reminder. */
  int expected() {
    return cards.size();
  }

  /** Mails received per mailbox of these cards. */
  Map<String, Integer> mailsPerMailbox() {
    Map<String, Integer> counts = new TreeMap<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        for (Address to : m.getAllRecipients()) {
          String address = to.toString();
          if (address.startsWith("card-") && address.endsWith("@topo.example")) {
            counts.merge(address, 1, Integer::sum);
          }
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return counts;
  }
}
