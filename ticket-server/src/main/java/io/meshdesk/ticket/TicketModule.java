package io.meshdesk.ticket;

import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.ticket.ai.AiJobs;
import io.meshdesk.ticket.domain.AutoAssigner;
import io.meshdesk.ticket.domain.UserDirectory;
import io.meshdesk.ticket.events.DraftChunks;
import io.meshdesk.ticket.events.EventHub;
import io.meshdesk.ticket.events.Heartbeats;
import io.meshdesk.ticket.events.OutboxEvents;
import io.meshdesk.ticket.events.OutboxPruner;
import io.meshdesk.ticket.events.OutboxRelay;
import io.meshdesk.ticket.events.Publisher;
import io.meshdesk.ticket.grpc.OutboundStats;
import io.meshdesk.ticket.grpc.TicketGrpcService;
import io.meshdesk.ticket.persistence.QueueStore;
import io.meshdesk.ticket.persistence.SettingsStore;
import io.meshdesk.ticket.persistence.SlaPolicyStore;
import io.meshdesk.ticket.persistence.TeamStore;
import io.meshdesk.ticket.persistence.TicketTransactions;
import io.meshdesk.ticket.service.Actors;
import io.meshdesk.ticket.service.CommentCommands;
import io.meshdesk.ticket.service.Settings;
import io.meshdesk.ticket.service.SlaChecker;
import io.meshdesk.ticket.service.SuggestionCommands;
import io.meshdesk.ticket.service.TicketAssignment;
import io.meshdesk.ticket.service.TicketEditing;
import io.meshdesk.ticket.service.TicketMerging;
import io.meshdesk.ticket.service.TicketOpening;
import io.meshdesk.ticket.service.TicketReads;
import io.meshdesk.ticket.session.PresenceHub;
import io.meshdesk.ticket.session.RoundRobinAssigner;
import io.meshdesk.ticket.session.StreamGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket context wired together: domain, outbox publisher, relay and retention, event hub,
 * heartbeats, presence, AI job sweep and SLA checker, and the gRPC service. {@link TicketServer}
 * creates one per process.
 */
public final class TicketModule implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TicketModule.class);

  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          2, Thread.ofPlatform().daemon().name("ticket-sched-", 0).factory());
  private final Publisher publisher;
  private final EventHub hub;
  private final PresenceHub presence;
  private final OutboxRelay relay;
  private final OutboxPruner pruner;
  private final AiJobs aiJobs;
  private final SlaChecker sla;
  private final TicketGrpcService service;
  private final OutboundStats outboundStats = new OutboundStats();
  private final StreamGuard guard;
  private final Hibernate orm;

  /**
   * Wires the context and starts its background sweeps.
   *
   * @param users identity's view of users (assignees, requesters, names, teams)
   */
  public TicketModule(
      Database database, Redis redis, UserDirectory users, Clock clock, TicketConfig config) {
    Transactions tx = new Transactions(database.dataSource());
    // Sweeps and the relay take connections from the background share, never those requests need.
    Transactions background = new Transactions(database.backgroundDataSource());
    var client = redis.client();
    this.aiJobs =
        new AiJobs(client, background, clock, config.relayMinAge(), config.aiRequeueAfter());
    this.publisher = new Publisher(client, tx, aiJobs);
    TicketTransactions writes = new TicketTransactions(tx, publisher, clock, OutboxEvents::new);
    var topic =
        client.getTopic(Publisher.EVENTS_TOPIC, org.redisson.client.codec.ByteArrayCodec.INSTANCE);
    this.hub = new EventHub(tx, topic, scheduler, config.gapWait(), config.catchUpPage());
    publisher.deliverLocallyTo(hub::deliverLocal);
    this.presence =
        new PresenceHub(
            client,
            clock,
            PresenceHub.DEFAULT_TYPING_TTL,
            config.presenceRefresh(),
            config.presenceTtl());
    this.relay = new OutboxRelay(background, publisher, config.relayMinAge());
    this.sla =
        new SlaChecker(new TicketTransactions(background, publisher, clock, OutboxEvents::new));
    Actors actors = new Actors(users);
    this.orm = SettingsStore.orm(database.dataSource());
    Heartbeats heartbeats = new Heartbeats(config.heartbeatInterval());
    // Token expiry is wall-clock time, as the token verifier judges it, whatever the business clock
    // says.
    this.guard =
        new StreamGuard(client, Clock.systemUTC(), scheduler, config.maxStreamsPerPrincipal());
    AutoAssigner assigner =
        config.autoAssign() ? new RoundRobinAssigner(users, presence, client) : AutoAssigner.off();
    this.service =
        new TicketGrpcService(
            new TicketGrpcService.Parts(
                new TicketOpening(writes, users, actors, assigner),
                new TicketEditing(writes, actors),
                new TicketAssignment(writes, users, actors),
                new CommentCommands(writes, actors),
                new TicketReads(writes, new QueueStore(tx)),
                new Settings(actors, new TeamStore(tx, orm), new SlaPolicyStore(tx, orm), clock),
                new SuggestionCommands(writes, actors, new DraftChunks(topic, clock)),
                hub,
                presence,
                tx,
                actors,
                config.subscriberBuffer(),
                config.catchUpPage(),
                outboundStats,
                heartbeats,
                guard,
                new TicketMerging(writes, actors)));
    every(config.relayInterval(), relay::runOnce, "outbox relay");
    every(config.aiSweepInterval(), aiJobs::sweep, "ai job sweep");
    every(config.slaCheckInterval(), sla::runOnce, "sla check");
    every(heartbeats.tickEvery(), heartbeats::tick, "heartbeats");
    this.pruner = new OutboxPruner(background, clock, config.outboxRetention());
    every(config.outboxPruneInterval(), pruner::runOnce, "outbox prune");
  }

  private void every(Duration interval, Runnable task, String name) {
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("{} failed: {}", name, e.toString());
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The gRPC service, bound for a server (see {@link TicketGrpcService#bindable()}). */
  public io.grpc.BindableService service() {
    return service.bindable();
  }

  /** The SLA checker (tests run it with a controlled clock). */
  public SlaChecker slaChecker() {
    return sla;
  }

  /** The outbox relay (tests run it on demand). */
  public OutboxRelay relay() {
    return relay;
  }

  /** The outbox retention sweep (tests run it on demand). */
  public OutboxPruner pruner() {
    return pruner;
  }

  /** The AI job sweep (tests run it on demand). */
  public AiJobs aiJobs() {
    return aiJobs;
  }

  /** Counters of the streams' outgoing queues (diagnostics). */
  public OutboundStats outboundStats() {
    return outboundStats;
  }

  /** Presence (tests refresh and expire it on demand). */
  public PresenceHub presence() {
    return presence;
  }

  /** The event hub (diagnostics). */
  public EventHub hub() {
    return hub;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    guard.close();
    hub.close();
    presence.close();
    publisher.close();
    orm.close();
  }
}
