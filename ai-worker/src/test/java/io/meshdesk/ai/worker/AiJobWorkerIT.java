package io.meshdesk.ai.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdesk.ai.knowledge.Resolution;
import io.meshdesk.ai.offline.OfflineDrafter;
import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.ticket.v1.AiUnavailableReason;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.api.ticket.v1.SuggestionSource;
import io.meshdesk.api.ticket.v1.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job consumer end to end against real PostgreSQL and Redis, with the offline drafter. */
class AiJobWorkerIT {

  static final UUID TENANT = UUID.randomUUID();
  static final UUID OTHER = UUID.randomUUID();
  static final UUID SOLVED_REFUND = UUID.randomUUID();
  static final String REFUND_REPLY =
      "I confirmed the duplicate charge and issued a refund of the second payment; it appears within 5-10 business days.";

  static WorkerHarness h;
  JobConsumer consumer;

  @BeforeAll
  static void start() {
    // generous: the worker shares two loaded cores with the whole build
    org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
    h = new WorkerHarness("ai_jobs");
    h.knowledge.recordResolution(
        new Resolution(
            TENANT,
            SOLVED_REFUND,
            "Charged twice for the March invoice",
            "My card was charged twice for the invoice, please refund the duplicate payment.",
            REFUND_REPLY,
            Instant.now()));
  }

  @AfterAll
  static void stop() {
    org.awaitility.Awaitility.reset();
    h.close();
  }

  @AfterEach
  void stopConsumer() {
    if (consumer != null) {
      consumer.close();
    }
    h.ticketServer.hangOnTicket = null;
    h.ticketServer.failAttaches.set(0);
  }

  @Test
  void draftsAGroundedSuggestionStreamsItAndAcksTheJob() {
    consumer = h.startConsumer("w-grounded", new OfflineDrafter(), Duration.ofSeconds(30), 3);
    Ticket t =
        h.ticketServer.addTicket(
            TENANT,
            "Double charge on my invoice",
            "You charged my card twice this month for the same invoice. I want the duplicate refunded now!");

    AiJob job = h.enqueue(TENANT, t);

    await().until(() -> h.ticketServer.suggestionsByJob.containsKey(job.getJobId()));
    Suggestion s = h.ticketServer.suggestionsByJob.get(job.getJobId());
    assertThat(s.getSourcesList())
        .extracting(SuggestionSource::getId)
        .contains(SOLVED_REFUND.toString());
    assertThat(s.getDraftedReply()).containsIgnoringCase("refund");
    assertThat(s.getSimilarTicketsList())
        .first()
        .satisfies(
            similar -> {
              assertThat(similar.getTicketId()).isEqualTo(SOLVED_REFUND.toString());
              assertThat(similar.getSubject()).isEqualTo("Charged twice for the March invoice");
              assertThat(similar.getResolution()).isEqualTo(REFUND_REPLY);
              assertThat(similar.getScore()).isPositive();
            });
    assertThat(s.getDrafter()).startsWith(OfflineDrafter.NAME + " | triage ");
    assertThat(s.getCategory()).isNotBlank();
    var chunks =
        h.ticketServer.chunks.stream().filter(c -> c.jobId().equals(job.getJobId())).toList();
    assertThat(chunks)
        .extracting(FakeTicketServer.Chunk::index)
        .containsExactly(
            java.util.stream.IntStream.range(0, chunks.size()).boxed().toArray(Integer[]::new));
    assertThat(String.join("", chunks.stream().map(FakeTicketServer.Chunk::text).toList()))
        .isEqualTo(s.getDraftedReply());
    await().until(() -> h.pending() == 0);
  }

  @Test
  void retrievalNeverReturnsAnotherTenantsResolvedTickets() {
    consumer = h.startConsumer("w-isolation", new OfflineDrafter(), Duration.ofSeconds(30), 3);
    Ticket t =
        h.ticketServer.addTicket(
            OTHER,
            "Double charge on my invoice",
            "You charged my card twice this month for the same invoice; refund the duplicate payment.");

    AiJob job = h.enqueue(OTHER, t);

    await().until(() -> h.ticketServer.suggestionsByJob.containsKey(job.getJobId()));
    Suggestion s = h.ticketServer.suggestionsByJob.get(job.getJobId());
    assertThat(s.getSourcesList()).isEmpty();
    assertThat(s.getDraftedReply()).doesNotContain("5-10 business days");
  }

  @Test
  void sameJobDeliveredTwiceIsAttachedOnceBecauseTheWorkerSeesItIsDone() {
    Ticket t = h.ticketServer.addTicket(TENANT, "Refund", "Please refund my duplicate payment.");
    AiJob job = h.enqueue(TENANT, t);
    io.meshdesk.ai.worker.JobQueue.enqueue(h.redis.client(), job); // the sweep re-enqueued it too

    // one job at a time, so the second delivery comes after the first one's attach
    consumer = h.startConsumer("w-twice", new OfflineDrafter(), Duration.ofSeconds(30), 3, 1);

    await().until(() -> h.pending() == 0 && consumer.completed() >= 2);
    // the fake stores every attach: one suggestion means the worker itself skipped the redelivery
    assertThat(h.ticketServer.attachCalls)
        .filteredOn(a -> a.getJobId().equals(job.getJobId()))
        .hasSize(1);
    assertThat(h.ticketServer.suggestionsOf(t.getId())).hasSize(1);
  }

  @Test
  void jobOfAWorkerKilledMidJobIsFinishedByAnother() {
    Ticket t = h.ticketServer.addTicket(TENANT, "Invoice question", "Why was I charged twice?");
    h.ticketServer.hangOnTicket = t.getId();
    JobConsumer doomed =
        h.startConsumer("w-doomed", new OfflineDrafter(), Duration.ofSeconds(30), 3);
    AiJob job = h.enqueue(TENANT, t);
    await().until(() -> h.pending() == 1);

    doomed.close(); // dies mid-job: never acknowledges
    h.ticketServer.hangOnTicket = null;
    consumer = h.startConsumer("w-rescuer", new OfflineDrafter(), Duration.ofMillis(300), 3);

    await().until(() -> h.ticketServer.suggestionsByJob.containsKey(job.getJobId()));
    await().until(() -> h.pending() == 0);
    assertThat(h.ticketServer.suggestionsOf(t.getId())).hasSize(1);
    assertThat(consumer.completed()).as("the rescuer did the work").isPositive();
  }

  @Test
  void jobFailingOnEveryDeliveryIsDeadLetteredAndTheTicketMarkedUnavailable() {
    h.ticketServer.failAttaches.set(1_000);
    long deadBefore = h.deadLetters();
    Ticket t = h.ticketServer.addTicket(TENANT, "Login", "I cannot log in.");
    // The visibility timeout must outlast one delivery even on a loaded machine: a delivery still
    // running when it expires is claimed again and counts as a third attach.
    consumer = h.startConsumer("w-dead", new OfflineDrafter(), Duration.ofSeconds(2), 2);

    AiJob job = h.enqueue(TENANT, t);

    await().until(() -> h.ticketServer.unavailable.containsKey(job.getJobId()));
    assertThat(h.ticketServer.unavailable.get(job.getJobId()).getReason())
        .isEqualTo(AiUnavailableReason.AI_UNAVAILABLE_REASON_RETRIES_EXHAUSTED);
    await().until(() -> h.pending() == 0);
    assertThat(h.deadLetters()).isEqualTo(deadBefore + 1);
    assertThat(h.ticketServer.attachCalls)
        .filteredOn(a -> a.getJobId().equals(job.getJobId()))
        .hasSize(2);
    assertThat(h.ticketServer.suggestionsOf(t.getId())).isEmpty();
  }

  @Test
  void malformedStreamEntryIsDeadLetteredWithoutBlockingTheQueue() {
    long deadBefore = h.deadLetters();
    h.redis
        .client()
        .<String, String>getStream(io.meshdesk.platform.redis.RedisKeys.AI_JOBS_STREAM)
        .add(
            org.redisson.api.stream.StreamAddArgs.entries(
                "job", "!!not base64!!", "tenant", TENANT.toString()));
    Ticket t = h.ticketServer.addTicket(TENANT, "Refund", "Refund please.");
    AiJob job = h.enqueue(TENANT, t);

    consumer = h.startConsumer("w-malformed", new OfflineDrafter(), Duration.ofSeconds(30), 3);

    await().until(() -> h.ticketServer.suggestionsByJob.containsKey(job.getJobId()));
    await().until(() -> h.deadLetters() == deadBefore + 1 && h.pending() == 0);
  }
}
