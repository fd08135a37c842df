package io.meshdesk.ai.assistant;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ai.v1.AskAnswered;
import io.meshdesk.api.ai.v1.AskRequest;
import io.meshdesk.api.ai.v1.AskResponse;
import io.meshdesk.api.ai.v1.AskSpendingRequest;
import io.meshdesk.api.ai.v1.AskSpendingResponse;
import io.meshdesk.api.ai.v1.AskStarted;
import io.meshdesk.api.ai.v1.AssistantServiceGrpc;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.auth.Principal;
import java.util.UUID;

/**
 * meshdesk.ai.v1.AssistantService: answers spending questions from the caller's cards, reading the
 * ledger with the caller's own token (so the ledger's rules, e.g. customers see only their cards,
 * apply unchanged).
 */
public final class AssistantGrpcService extends AssistantServiceGrpc.AssistantServiceImplBase {

  private static final Context.Key<String> CALLER_TOKEN = Context.key("meshdesk-caller-token");

  private final SpendingAssistant assistant;
  private final ConversationService conversations;

  public AssistantGrpcService(SpendingAssistant assistant, ConversationService conversations) {
    this.assistant = assistant;
    this.conversations = conversations;
  }

  /** This service with the interceptor that keeps the caller's token for forwarding. */
  public ServerServiceDefinition definition() {
    ServerInterceptor keepToken =
        new ServerInterceptor() {
          @Override
          public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(
              io.grpc.ServerCall<Q, A> call,
              Metadata headers,
              io.grpc.ServerCallHandler<Q, A> next) {
            String h = headers.get(AuthInterceptor.AUTHORIZATION);
            String token =
                h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : "";
            return Contexts.interceptCall(
                Context.current().withValue(CALLER_TOKEN, token), call, headers, next);
          }
        };
    return ServerInterceptors.intercept(bindService(), keepToken);
  }

  /** Answers a question about spending. */
  @Override
  public void askSpending(AskSpendingRequest req, StreamObserver<AskSpendingResponse> out) {
    Principal p = AuthContext.principal();
    p.requireTenant();
    SpendingAnswer a =
        assistant.ask(
            CALLER_TOKEN.get(),
            p.subject(),
            req.getQuestion(),
            req.getCardId().isEmpty() ? null : UUID.fromString(req.getCardId()));
    out.onNext(
        AskSpendingResponse.newBuilder()
            .setAnswer(a.text())
            .addAllFigures(a.figures())
            .setDrafter(a.drafter())
            .build());
    out.onCompleted();
  }

  /**
   * Answers one turn of a conversation: the conversation id first, then the answer text in pieces,
   * then the whole answer with its figures. A turn without a conversation id starts a new
   * conversation; only the user who started a conversation may continue it.
   */
  @Override
  public void ask(AskRequest req, StreamObserver<AskResponse> out) {
    Principal p = AuthContext.principal();
    UUID tenant = p.requireTenant();
    ConversationService.Outcome o =
        conversations.ask(
            tenant,
            new LedgerFunctions.Caller(
                CALLER_TOKEN.get(),
                p.subject(),
                req.getCardId().isEmpty() ? null : UUID.fromString(req.getCardId())),
            req.getConversationId().isEmpty() ? null : UUID.fromString(req.getConversationId()),
            req.getQuestion(),
            new ConversationService.Listener() {
              @Override
              public void started(UUID conversation) {
                out.onNext(
                    AskResponse.newBuilder()
                        .setStarted(
                            AskStarted.newBuilder().setConversationId(conversation.toString()))
                        .build());
              }

              @Override
              public void text(String piece) {
                out.onNext(AskResponse.newBuilder().setTextDelta(piece).build());
              }
            });
    out.onNext(
        AskResponse.newBuilder()
            .setAnswered(
                AskAnswered.newBuilder()
                    .setConversationId(o.conversation().toString())
                    .setAnswer(o.answer())
                    .addAllFigures(o.figures())
                    .setDrafter(o.drafter())
                    .setFallbackReason(o.fallbackReason()))
            .build());
    out.onCompleted();
  }
}
