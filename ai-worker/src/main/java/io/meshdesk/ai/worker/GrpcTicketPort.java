package io.meshdesk.ai.worker;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ticket.v1.AppendSuggestionDraftRequest;
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
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.errors.ConflictException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import io.meshdesk.platform.errors.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link TicketPort} over gRPC: the worker's service token per tenant, a deadline per call. */
public final class GrpcTicketPort implements TicketPort {

  private static final long DEADLINE_SECONDS = 10;

  private final TicketServiceGrpc.TicketServiceBlockingStub stub;
  private final TokenProvider tokens;

  /**
   * @param channel to the ticket server (not closed here)
   */
  public GrpcTicketPort(ManagedChannel channel, TokenProvider tokens) {
    this.stub = TicketServiceGrpc.newBlockingStub(channel);
    this.tokens = tokens;
  }

  @Override
  public GetTicketResponse getTicket(UUID tenant, UUID ticketId) {
    return call(
        () ->
            stub(tenant)
                .getTicket(GetTicketRequest.newBuilder().setTicketId(ticketId.toString()).build()));
  }

  @Override
  public boolean appendDraft(UUID tenant, AppendSuggestionDraftRequest request) {
    return call(() -> stub(tenant).appendSuggestionDraft(request).getDelivered());
  }

  @Override
  public AttachSuggestionResponse attach(UUID tenant, AttachSuggestionRequest request) {
    return call(() -> stub(tenant).attachSuggestion(request));
  }

  @Override
  public void markUnavailable(UUID tenant, MarkAiUnavailableRequest request) {
    call(() -> stub(tenant).markAiUnavailable(request));
  }

  @Override
  public ListTicketsResponse listTickets(UUID tenant, ListTicketsRequest request) {
    return call(() -> stub(tenant).listTickets(request));
  }

  @Override
  public List<Comment> publicComments(UUID tenant, UUID ticketId) {
    List<Comment> out = new ArrayList<>();
    String token = "";
    do {
      String page = token;
      ListCommentsResponse r =
          call(
              () ->
                  stub(tenant)
                      .listComments(
                          ListCommentsRequest.newBuilder()
                              .setTicketId(ticketId.toString())
                              .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                              .setPage(PageRequest.newBuilder().setPageSize(500).setPageToken(page))
                              .build()));
      out.addAll(r.getCommentsList());
      token = r.getPage().getNextPageToken();
    } while (!token.isEmpty());
    return out;
  }

  private TicketServiceGrpc.TicketServiceBlockingStub stub(UUID tenant) {
    return stub.withCallCredentials(bearer(tokens.tokenFor(tenant)))
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static <T> T call(Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw translate(e);
    }
  }

  /** gRPC status to the platform's domain exceptions, so the worker's rules stay transport-free. */
  public static RuntimeException translate(StatusRuntimeException e) {
    return translate("ticket-server", e);
  }

  /** The same translation for a call to {@code server}, which the message names. */
  public static RuntimeException translate(String server, StatusRuntimeException e) {
    Status s = e.getStatus();
    String d =
        server + ": " + s.getCode() + (s.getDescription() == null ? "" : " " + s.getDescription());
    return switch (s.getCode()) {
      case NOT_FOUND -> new NotFoundException(d, e);
      case PERMISSION_DENIED, UNAUTHENTICATED -> new PermissionDeniedException(d, e);
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE ->
          new InvalidArgumentException("request", d);
      case ABORTED -> new ConflictException(d);
      default -> new UnavailableException(d, e);
    };
  }

  /** Call credentials that send {@code token} as a bearer token. */
  public static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
      }
    };
  }
}
