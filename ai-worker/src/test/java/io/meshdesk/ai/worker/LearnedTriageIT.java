package io.meshdesk.ai.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.FieldMask;
import io.meshdesk.ai.embedding.Embedder;
import io.meshdesk.ai.knowledge.ResolutionFeed;
import io.meshdesk.ai.offline.OfflineDrafter;
import io.meshdesk.ai.retrieval.IndexedLabel;
import io.meshdesk.ai.triage.LearnedTriage;
import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker's job path triages from the tenant's own labelled tickets once it has enough of them,
 * says when it falls back to the lexicon, and learns from agents' corrections.
 */
class LearnedTriageIT {

  static final UUID WITH_HISTORY = UUID.randomUUID();
  static final UUID NEW_TENANT = UUID.randomUUID();

  /** The team the tenant's agents route sign-in problems to. */
  static final String ACCESS_TEAM = UUID.randomUUID().toString();

  /** Problems of the tenant with history, and the category its agents gave each. */
  static final String[][] HISTORY = {
    {
      "Parcel has not arrived",
      "My order was shipped two weeks ago and still has not come.",
      "delivery"
    },
    {
      "Package lost in transit",
      "Tracking has not moved for ten days, where is my package?",
      "delivery"
    },
    {"Courier left no parcel", "The courier says delivered but nothing is at my door.", "delivery"},
    {
      "Delivery is late",
      "My shipment should have arrived on Monday and it is Friday now.",
      "delivery"
    },
    {
      "Wrong address on shipment",
      "The parcel is going to my old address, can you redirect it?",
      "delivery"
    },
    {"Box arrived damaged", "The box was crushed and the item inside is broken.", "delivery"},
    {"Cannot sign in", "Login says my password is wrong even after a reset.", "access"},
    {"Locked out of account", "Too many attempts and now my account is locked.", "access"},
    {
      "Two-factor code never comes", "The SMS code for login does not arrive on my phone.", "access"
    },
    {"Reset link expired", "The password reset link says it has expired.", "access"},
    {"Cannot log in on mobile", "The app keeps returning me to the sign in screen.", "access"},
    {"Session ends immediately", "I log in and I am logged out again a second later.", "access"},
    {"Double charge", "I was billed twice for the same order this month.", "payments"},
    {
      "Refund not received", "You promised a refund three weeks ago and I have nothing.", "payments"
    },
    {
      "Card declined at checkout",
      "My card is declined although it works everywhere else.",
      "payments"
    },
    {"Invoice amount wrong", "The invoice total is higher than the price on the site.", "payments"},
    {"Charged after cancelling", "I cancelled my plan but you charged me again.", "payments"},
    {"VAT missing on invoice", "I need an invoice with the VAT number for my company.", "payments"},
    {"Coupon not applied", "The discount code was accepted but I paid full price.", "payments"},
    {
      "Price changed at payment",
      "The price went up between the basket and the payment page.",
      "payments"
    },
    {"Export my data", "How can I download everything you store about me?", "privacy"},
    {"Delete my account", "Please erase my account and all my personal data.", "privacy"},
  };

  static WorkerHarness h;
  static JobProcessor processor;
  static ResolutionFeed feed;
  static final List<Ticket> deliveries = new ArrayList<>();

  @BeforeAll
  static void start() {
    h = new WorkerHarness("ai_learned", Embedder.shared());
    processor =
        new JobProcessor(
            h.tickets,
            h.knowledge,
            new OfflineDrafter(),
            5,
            Clock.systemUTC(),
            new RelatedTickets(h.knowledge, h.tickets, Embedder::shared, RelatedConfig.defaults()));
    feed = new ResolutionFeed(h.knowledge, h.tickets, Clock.systemUTC());
    List<IndexedLabel> labels = new ArrayList<>();
    for (String[] p : HISTORY) {
      Ticket t = h.ticketServer.addTicket(WITH_HISTORY, p[0], p[1]);
      if (p[2].equals("delivery")) {
        deliveries.add(t);
      }
      labels.add(
          new IndexedLabel(
              WITH_HISTORY,
              t.getId(),
              p[0] + "\n" + p[1],
              p[2],
              "NORMAL",
              p[2].equals("access") ? ACCESS_TEAM : "",
              "NEUTRAL"));
    }
    labels.forEach(h.knowledge::recordLabel);
  }

  @AfterAll
  static void stop() {
    feed.close();
    h.close();
  }

  @Test
  void aTenantWithHistoryGetsTheCategoryItsAgentsUse() {
    Suggestion s =
        suggest(WITH_HISTORY, "I can't get into my account", "It keeps rejecting my password.");

    assertThat(s.getCategory()).isEqualTo("access");
    assertThat(s.getDrafter())
        .startsWith(OfflineDrafter.NAME)
        .contains("triage learned (" + HISTORY.length + " tickets");
  }

  @Test
  void aTenantWithHistoryGetsTheTeamItsAgentsRouteSuchTicketsTo() {
    Suggestion s =
        suggest(WITH_HISTORY, "Locked out after password reset", "Login refuses my new password.");

    assertThat(s.getSuggestedTeamId()).isEqualTo(ACCESS_TEAM);
  }

  @Test
  void aTenantWithoutHistorySaysItFellBackToTheLexicon() {
    Suggestion s =
        suggest(NEW_TENANT, "Where is my order?", "It left the warehouse last week, nothing yet.");

    assertThat(HISTORY.length).isGreaterThanOrEqualTo(LearnedTriage.MIN_HISTORY);
    assertThat(s.getDrafter())
        .isEqualTo(
            OfflineDrafter.NAME
                + " | triage lexicon fallback (0 < "
                + LearnedTriage.MIN_HISTORY
                + " labelled)");
    assertThat(s.getSuggestedTeamId()).isEmpty();
  }

  @Test
  void agentsCorrectionsRelabelTheNextSimilarTicket() {
    // given: agents move every delivery ticket to a new "logistics" category and raise priority
    for (Ticket t : deliveries) {
      Ticket corrected =
          t.toBuilder()
              .setAiCategory("delivery")
              .setLatestSuggestionId(UUID.randomUUID().toString())
              .addTags("category:logistics")
              .setPriority(TicketPriority.TICKET_PRIORITY_HIGH)
              .build();
      feed.onEvent(
          WITH_HISTORY,
          TicketEvent.newBuilder()
              .setTicketId(t.getId())
              .setTicketUpdated(
                  TicketUpdated.newBuilder()
                      .setTicket(corrected)
                      .setChangedFields(
                          FieldMask.newBuilder().addPaths("tags").addPaths("priority")))
              .build());
    }

    // then: the next ticket about a late parcel is labelled as the agents now label them
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Suggestion s =
                  suggest(
                      WITH_HISTORY,
                      "My parcel is missing",
                      "The shipment was sent ages ago and never reached me.");
              assertThat(s.getCategory()).isEqualTo("logistics");
              assertThat(s.getSuggestedPriority()).isEqualTo(TicketPriority.TICKET_PRIORITY_HIGH);
            });
  }

  private static Suggestion suggest(UUID tenant, String subject, String body) {
    Ticket t = h.ticketServer.addTicket(tenant, subject, body);
    AiJob job = h.enqueue(tenant, t);
    processor.process(job);
    return h.ticketServer.suggestionsByJob.get(job.getJobId());
  }
}
