package io.meshdesk.cli.demo;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.LoginRequest;
import io.meshdesk.api.ticket.v1.AddCommentRequest;
import io.meshdesk.api.ticket.v1.AssignTicketRequest;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.CreateTeamRequest;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.Team;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.grpc.GrpcChannels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development-only demo activity for {@code meshctl dev}: through the public gRPC API, signed in as
 * the demo users, it sets an SLA policy, seeds teams and a handful of tickets (customer-opened,
 * some assigned to the agent, one solved with a public reply) and then, optionally, opens a new
 * customer ticket every few seconds so the console shows live traffic. Never part of a production
 * path.
 */
public final class DemoActivity implements AutoCloseable {

  /** The demo tenant's sign-ins (one password for all, as printed by the identity seed). */
  public record Logins(
      String tenantSlug, String password, String admin, String agent, String customer) {}

  private static final Logger log = LoggerFactory.getLogger(DemoActivity.class);
  private static final Duration TOKEN_REUSE = Duration.ofMinutes(4);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final List<String[]> TICKETS =
      List.of(
          new String[] {
            "Card declined at the supermarket",
            "My card was declined twice this morning although I have plenty of credit left.",
            "HIGH"
          },
          new String[] {
            "How do I raise my credit limit?",
            "I would like a higher limit on my gold card before my holiday.",
            "NORMAL"
          },
          new String[] {
            "Unknown transaction of 49.99 EUR",
            "There is a charge from STREAMFLIX I never signed up for. Please investigate.",
            "URGENT"
          },
          new String[] {
            "Statement PDF will not open",
            "The March statement download shows a blank page in my browser.",
            "LOW"
          },
          new String[] {
            "Change my billing address",
            "We moved; please update the address on my account to 12 Harbour Road.",
            "NORMAL"
          },
          new String[] {
            "Payment reminder arrived after I paid",
            "I paid on the 3rd but got a reminder on the 5th. Is my payment recorded?",
            "NORMAL"
          },
          new String[] {
            "Lost my card on the train",
            "Please block my card ending 4242 and send a replacement.",
            "URGENT"
          },
          new String[] {
            "Interest charged on a paid balance",
            "I paid the full statement balance but was still charged interest.",
            "HIGH"
          });

  private final ManagedChannel channel;
  private final Logins logins;
  private final Clock clock;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("demo-activity").factory());

  private record Token(String value, Instant at, String subject) {}

  private DemoActivity(String target, TlsConfig tls, Logins logins, Clock clock) {
    this.channel = GrpcChannels.forTarget(target, tls).build();
    this.logins = logins;
    this.clock = clock;
  }

  /**
   * Seeds the demo tickets (blocking) and, when {@code every} is positive, opens a customer ticket
   * at that interval until closed; reaches {@code target} as {@code tls} says.
   */
  public static DemoActivity start(
      String target, TlsConfig tls, Logins logins, Duration every, Clock clock) {
    DemoActivity activity = new DemoActivity(target, tls, logins, clock);
    activity.seed();
    if (every.isPositive()) {
      activity.scheduler.scheduleWithFixedDelay(
          activity::newCustomerTicket, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
    return activity;
  }

  private void seed() {
    String admin = logins.admin();
    Team billing =
        tickets(admin)
            .createTeam(
                CreateTeamRequest.newBuilder()
                    .setName("Billing")
                    .setDescription("Charges, statements, limits")
                    .build())
            .getTeam();
    tickets(admin)
        .createTeam(
            CreateTeamRequest.newBuilder()
                .setName("Cards")
                .setDescription("Lost, blocked and new cards")
                .build());
    tickets(admin)
        .createTeam(
            CreateTeamRequest.newBuilder()
                .setName("Accounts")
                .setDescription("Profiles and addresses")
                .build());
    var policy = io.meshdesk.api.ticket.v1.SetSlaPolicyRequest.newBuilder();
    int[][] minutes = {{15, 240}, {60, 480}, {240, 1440}, {480, 2880}}; // urgent, high, normal, low
    String[] priorities = {"URGENT", "HIGH", "NORMAL", "LOW"};
    for (int i = 0; i < priorities.length; i++) {
      policy.addTargets(
          io.meshdesk.api.ticket.v1.SlaTarget.newBuilder()
              .setPriority(TicketPriority.valueOf("TICKET_PRIORITY_" + priorities[i]))
              .setFirstResponse(
                  com.google.protobuf.Duration.newBuilder().setSeconds(minutes[i][0] * 60L))
              .setResolution(
                  com.google.protobuf.Duration.newBuilder().setSeconds(minutes[i][1] * 60L)));
    }
    tickets(admin).setSlaPolicy(policy.build());
    String agentId = login(logins.agent()).subject();
    for (int i = 0; i < 6; i++) {
      Ticket t = open(i);
      if (i == 1 || i == 3) {
        String id = t.getId();
        t =
            atCurrentVersion(
                id,
                v ->
                    tickets(logins.agent())
                        .assignTicket(
                            AssignTicketRequest.newBuilder()
                                .setTicketId(id)
                                .setExpectedVersion(v)
                                .setAssigneeId(agentId)
                                .build())
                        .getTicket());
      }
      if (i == 1 || i == 5) {
        String id = t.getId();
        t =
            atCurrentVersion(
                id,
                v ->
                    tickets(logins.agent())
                        .updateTicket(
                            UpdateTicketRequest.newBuilder()
                                .setTicketId(id)
                                .setExpectedVersion(v)
                                .setTeamId(billing.getId())
                                .build())
                        .getTicket());
      }
      if (i == 3) {
        tickets(logins.agent())
            .addComment(
                AddCommentRequest.newBuilder()
                    .setTicketId(t.getId())
                    .setVisibility(CommentVisibility.COMMENT_VISIBILITY_INTERNAL)
                    .setBody("Checked the viewer logs; PDF generation failed for March.")
                    .build());
        tickets(logins.agent())
            .addComment(
                AddCommentRequest.newBuilder()
                    .setTicketId(t.getId())
                    .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                    .setBody(
                        "Sorry about that! We regenerated your March statement; it opens fine now.")
                    .build());
        String id = t.getId();
        atCurrentVersion(
            id,
            v ->
                tickets(logins.agent())
                    .updateTicket(
                        UpdateTicketRequest.newBuilder()
                            .setTicketId(id)
                            .setExpectedVersion(v)
                            .setStatus(TicketStatus.TICKET_STATUS_SOLVED)
                            .build())
                    .getTicket());
      }
      if (i == 4) {
        tickets(logins.customer())
            .addComment(
                AddCommentRequest.newBuilder()
                    .setTicketId(t.getId())
                    .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                    .setBody("Also, the postcode is 9021.")
                    .build());
      }
    }
  }

  /**
   * Runs a versioned change at the ticket's current version, again after a conflict: the AI worker
   * attaches its suggestion to the same new tickets at the same time.
   */
  private Ticket atCurrentVersion(String ticketId, java.util.function.LongFunction<Ticket> change) {
    for (int attempt = 1; ; attempt++) {
      long version =
          tickets(logins.agent())
              .getTicket(
                  io.meshdesk.api.ticket.v1.GetTicketRequest.newBuilder()
                      .setTicketId(ticketId)
                      .build())
              .getTicket()
              .getVersion();
      try {
        return change.apply(version);
      } catch (io.grpc.StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.ABORTED || attempt >= 10) {
          throw e;
        }
      }
    }
  }

  private Ticket open(int i) {
    String[] spec = TICKETS.get(Math.floorMod(i, TICKETS.size()));
    String subject = i < TICKETS.size() ? spec[0] : spec[0] + " (#" + (i + 1) + ")";
    return tickets(logins.customer())
        .createTicket(
            CreateTicketRequest.newBuilder()
                .setSubject(subject)
                .setBody(spec[1])
                .setPriority(TicketPriority.valueOf("TICKET_PRIORITY_" + spec[2]))
                .setRequestId("demo-" + clock.millis() + "-" + i)
                .build())
        .getTicket();
  }

  private void newCustomerTicket() {
    try {
      open(6 + next.getAndIncrement());
    } catch (RuntimeException e) {
      tokens.clear(); // an expired token or a restart: sign in again next time
      log.warn("demo activity: could not open a ticket: {}", e.toString());
    }
  }

  private TicketServiceGrpc.TicketServiceBlockingStub tickets(String email) {
    String token = login(email).value();
    return TicketServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(bearer(token))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private Token login(String email) {
    return tokens.compute(
        email,
        (k, t) -> {
          if (t != null && t.at().plus(TOKEN_REUSE).isAfter(clock.instant())) {
            return t;
          }
          // Generous: the first login also opens the connection (a TLS handshake with --tls) and
          // hashes a password, on a machine that may be starting everything else at once.
          var res =
              IdentityServiceGrpc.newBlockingStub(channel)
                  .withDeadlineAfter(30, TimeUnit.SECONDS)
                  .login(
                      LoginRequest.newBuilder()
                          .setEmail(email)
                          .setPassword(logins.password())
                          .setTenantSlug(logins.tenantSlug())
                          .build());
          return new Token(
              res.getTokens().getAccessToken(), clock.instant(), res.getPrincipal().getSubjectId());
        });
  }

  private static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
      }
    };
  }

  /** Stops the periodic tickets and the channel. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    channel.shutdownNow();
  }
}
