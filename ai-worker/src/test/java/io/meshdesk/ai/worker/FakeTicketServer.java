package io.meshdesk.ai.worker;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.ticket.v1.AppendSuggestionDraftRequest;
import io.meshdesk.api.ticket.v1.AppendSuggestionDraftResponse;
import io.meshdesk.api.ticket.v1.AttachSuggestionRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionResponse;
import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.GetTicketResponse;
import io.meshdesk.api.ticket.v1.ListCommentsRequest;
import io.meshdesk.api.ticket.v1.ListCommentsResponse;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableRequest;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableResponse;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.platform.auth.AuthContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of the ticket server's gRPC peer for the AI worker: the internal RPCs the worker
 * calls, served behind the real auth interceptor so the worker's service tokens are checked.
 * Records every call. Unlike the real server it does not deduplicate attaches by job id: every
 * AttachSuggestion stores a suggestion, so a test sees exactly what the worker did (the real
 * server's idempotency is covered where the real server runs).
 */
public final class FakeTicketServer extends TicketServiceGrpc.TicketServiceImplBase {

  /** A recorded draft chunk. */
  public record Chunk(String jobId, int index, String text) {}

  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final Map<String, UUID> tenantOf = new ConcurrentHashMap<>();
  private final Map<String, List<Comment>> comments = new ConcurrentHashMap<>();

  /** Every suggestion attached, in order (one per successful AttachSuggestion call). */
  public final List<Suggestion> suggestions = new CopyOnWriteArrayList<>();

  /** The latest suggestion attached per job id. */
  public final Map<String, Suggestion> suggestionsByJob = new ConcurrentHashMap<>();

  public final List<AttachSuggestionRequest> attachCalls = new CopyOnWriteArrayList<>();
  public final List<Chunk> chunks = new CopyOnWriteArrayList<>();
  public final Map<String, MarkAiUnavailableRequest> unavailable = new ConcurrentHashMap<>();

  /** Number of upcoming AttachSuggestion calls to fail with UNAVAILABLE. */
  public final AtomicInteger failAttaches = new AtomicInteger();

  /** When set, GetTicket of this ticket id blocks until the call is cancelled (a worker "dies"). */
  public volatile String hangOnTicket;

  /** Adds a ticket of {@code tenant}. */
  public Ticket addTicket(UUID tenant, String subject, String body) {
    Ticket t =
        Ticket.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setSubject(subject)
            .setBody(body)
            .setStatus(TicketStatus.TICKET_STATUS_NEW)
            .setRequesterId(UUID.randomUUID().toString())
            .setVersion(1)
            .build();
    tickets.put(t.getId(), t);
    tenantOf.put(t.getId(), tenant);
    return t;
  }

  /** Adds a solved ticket with an agent's public reply. */
  public Ticket addSolved(UUID tenant, String subject, String body, String reply) {
    Ticket t =
        addTicket(tenant, subject, body).toBuilder()
            .setStatus(TicketStatus.TICKET_STATUS_SOLVED)
            .setVersion(3)
            .build();
    tickets.put(t.getId(), t);
    comments.put(
        t.getId(),
        List.of(
            Comment.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setTicketId(t.getId())
                .setBody(reply)
                .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                .setAuthor(
                    Actor.newBuilder()
                        .setKind(ActorKind.ACTOR_KIND_USER)
                        .setId(UUID.randomUUID().toString()))
                .build()));
    return t;
  }

  /** Suggestions attached to {@code ticketId}. */
  public List<Suggestion> suggestionsOf(String ticketId) {
    return suggestions.stream().filter(s -> s.getTicketId().equals(ticketId)).toList();
  }

  @Override
  public void getTicket(GetTicketRequest req, StreamObserver<GetTicketResponse> out) {
    Ticket t = visible(req.getTicketId());
    if (t == null) {
      out.onError(Status.NOT_FOUND.withDescription("no ticket").asRuntimeException());
      return;
    }
    if (req.getTicketId().equals(hangOnTicket)) {
      io.grpc.Context ctx = io.grpc.Context.current();
      while (!ctx.isCancelled() && !Thread.currentThread().isInterrupted()) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      return;
    }
    GetTicketResponse.Builder b = GetTicketResponse.newBuilder().setTicket(t);
    suggestionsOf(t.getId()).stream()
        .reduce((first, second) -> second)
        .ifPresent(b::setLatestSuggestion);
    out.onNext(b.build());
    out.onCompleted();
  }

  @Override
  public void listTickets(ListTicketsRequest req, StreamObserver<ListTicketsResponse> out) {
    UUID tenant = AuthContext.principal().requireTenant();
    ListTicketsResponse.Builder b = ListTicketsResponse.newBuilder();
    tickets.values().stream()
        .filter(
            t ->
                tenant.equals(tenantOf.get(t.getId()))
                    && req.getStatusesList().contains(t.getStatus()))
        .forEach(b::addTickets);
    out.onNext(b.build());
    out.onCompleted();
  }

  @Override
  public void listComments(ListCommentsRequest req, StreamObserver<ListCommentsResponse> out) {
    if (visible(req.getTicketId()) == null) {
      out.onError(Status.NOT_FOUND.asRuntimeException());
      return;
    }
    out.onNext(
        ListCommentsResponse.newBuilder()
            .addAllComments(comments.getOrDefault(req.getTicketId(), List.of()))
            .build());
    out.onCompleted();
  }

  @Override
  public void attachSuggestion(
      AttachSuggestionRequest req, StreamObserver<AttachSuggestionResponse> out) {
    if (visible(req.getTicketId()) == null) {
      out.onError(Status.NOT_FOUND.asRuntimeException());
      return;
    }
    attachCalls.add(req);
    if (failAttaches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      out.onError(Status.UNAVAILABLE.withDescription("scripted failure").asRuntimeException());
      return;
    }
    Suggestion s =
        Suggestion.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setTicketId(req.getTicketId())
            .setJobId(req.getJobId())
            .setTicketVersion(req.getTicketVersion())
            .setSentiment(req.getSentiment())
            .setCategory(req.getCategory())
            .setSuggestedPriority(req.getSuggestedPriority())
            .setSummary(req.getSummary())
            .setDraftedReply(req.getDraftedReply())
            .setConfidence(req.getConfidence())
            .addAllSources(req.getSourcesList())
            .addAllSimilarTickets(req.getSimilarTicketsList())
            .addAllLikelyDuplicates(req.getLikelyDuplicatesList())
            .setSuggestedTeamId(req.getSuggestedTeamId())
            .setDrafter(req.getDrafter())
            .setGenerationTime(req.getGenerationTime())
            .build();
    suggestions.add(s);
    suggestionsByJob.put(req.getJobId(), s);
    out.onNext(AttachSuggestionResponse.newBuilder().setSuggestion(s).setReplayed(false).build());
    out.onCompleted();
  }

  @Override
  public void appendSuggestionDraft(
      AppendSuggestionDraftRequest req, StreamObserver<AppendSuggestionDraftResponse> out) {
    chunks.add(new Chunk(req.getJobId(), req.getChunkIndex(), req.getText()));
    out.onNext(AppendSuggestionDraftResponse.newBuilder().setDelivered(true).build());
    out.onCompleted();
  }

  @Override
  public void markAiUnavailable(
      MarkAiUnavailableRequest req, StreamObserver<MarkAiUnavailableResponse> out) {
    boolean replayed = unavailable.putIfAbsent(req.getJobId(), req) != null;
    out.onNext(MarkAiUnavailableResponse.newBuilder().setReplayed(replayed).build());
    out.onCompleted();
  }

  /** The ticket if it belongs to the caller's tenant (what RLS does in the real server). */
  private Ticket visible(String ticketId) {
    UUID tenant = AuthContext.principal().requireTenant();
    Ticket t = tickets.get(ticketId);
    return t != null && tenant.equals(tenantOf.get(ticketId)) ? t : null;
  }
}
