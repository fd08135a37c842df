package io.meshdesk.ledger.grpc;

import static io.meshdesk.ledger.grpc.RequestMapper.optionalUuid;
import static io.meshdesk.ledger.grpc.RequestMapper.uuid;

import io.grpc.stub.StreamObserver;
import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.AuthorizeRequest;
import io.meshdesk.api.ledger.v1.AuthorizeResponse;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchOperationResult;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.BatchPostResponse;
import io.meshdesk.api.ledger.v1.CaptureRequest;
import io.meshdesk.api.ledger.v1.CaptureResponse;
import io.meshdesk.api.ledger.v1.CardStatus;
import io.meshdesk.api.ledger.v1.CashAdvanceRequest;
import io.meshdesk.api.ledger.v1.CashAdvanceResponse;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.CreateCardProductResponse;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.GetBalanceResponse;
import io.meshdesk.api.ledger.v1.GetCardProductRequest;
import io.meshdesk.api.ledger.v1.GetCardProductResponse;
import io.meshdesk.api.ledger.v1.GetCardRequest;
import io.meshdesk.api.ledger.v1.GetCardResponse;
import io.meshdesk.api.ledger.v1.GetLimitHistoryRequest;
import io.meshdesk.api.ledger.v1.GetLimitHistoryResponse;
import io.meshdesk.api.ledger.v1.GetStatementRequest;
import io.meshdesk.api.ledger.v1.GetStatementResponse;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.IssueCardResponse;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListCardProductsRequest;
import io.meshdesk.api.ledger.v1.ListCardProductsResponse;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.api.ledger.v1.ListCardsResponse;
import io.meshdesk.api.ledger.v1.ListJournalEntriesRequest;
import io.meshdesk.api.ledger.v1.ListJournalEntriesResponse;
import io.meshdesk.api.ledger.v1.ListStatementsRequest;
import io.meshdesk.api.ledger.v1.ListStatementsResponse;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.ListTransactionsResponse;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PaymentResponse;
import io.meshdesk.api.ledger.v1.PostFeeRequest;
import io.meshdesk.api.ledger.v1.PostFeeResponse;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.PurchaseResponse;
import io.meshdesk.api.ledger.v1.RefundRequest;
import io.meshdesk.api.ledger.v1.RefundResponse;
import io.meshdesk.api.ledger.v1.ReverseRequest;
import io.meshdesk.api.ledger.v1.ReverseResponse;
import io.meshdesk.api.ledger.v1.SetCardStatusRequest;
import io.meshdesk.api.ledger.v1.SetCardStatusResponse;
import io.meshdesk.api.ledger.v1.SettlePaymentRequest;
import io.meshdesk.api.ledger.v1.SettlePaymentResponse;
import io.meshdesk.api.ledger.v1.Transaction;
import io.meshdesk.api.ledger.v1.UpdateCreditLimitRequest;
import io.meshdesk.api.ledger.v1.UpdateCreditLimitResponse;
import io.meshdesk.api.ledger.v1.VoidRequest;
import io.meshdesk.api.ledger.v1.VoidResponse;
import io.meshdesk.ledger.audit.AuditReport;
import io.meshdesk.ledger.audit.AuditService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.cards.ProductSpec;
import io.meshdesk.ledger.domain.IdempotencyScope;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.Page;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.ledger.query.LedgerQueries;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Rbac;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** gRPC face of the ledger: maps requests to the domain services and results back. */
public final class LedgerGrpcService extends LedgerServiceGrpc.LedgerServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(LedgerGrpcService.class);

  private final CardService cards;
  private final PostingEngine postings;
  private final LedgerQueries queries;
  private final AuditService audit;
  private final PendingPayments pendingPayments;
  private volatile PaymentListener paymentListener = PaymentListener.NONE;
  private volatile PostingListener postingListener = PostingListener.NONE;

  public LedgerGrpcService(
      CardService cards,
      PostingEngine postings,
      LedgerQueries queries,
      AuditService audit,
      PendingPayments pendingPayments) {
    this.cards = cards;
    this.postings = postings;
    this.queries = queries;
    this.audit = audit;
    this.pendingPayments = pendingPayments;
  }

  private static UUID tenant() {
    return AuthContext.principal().requireTenant();
  }

  /** Customers see only their own cards. */
  private static UUID holderRestriction() {
    Principal p = AuthContext.principal();
    return p.role() == Role.CUSTOMER ? p.subject() : null;
  }

  private static String actorKind() {
    return AuthContext.principal().role() == Role.SERVICE ? "SERVICE_ACCOUNT" : "USER";
  }

  private static <T> void reply(StreamObserver<T> out, T value) {
    out.onNext(value);
    out.onCompleted();
  }

  private static PageResponse page(Page<?> p) {
    return PageResponse.newBuilder().setNextPageToken(p.nextToken()).build();
  }

  /**
   * Posts one operation. An unknown (or invisible) card or hold fails the call with NOT_FOUND and
   * wrote nothing. A decline (its record already committed, or an idempotency conflict that wrote
   * nothing) fails it with FAILED_PRECONDITION whose ErrorInfo reason is the decline code; a replay
   * of a declined key fails the same way.
   */
  private OperationResult post(PostingOp op) {
    OpResult r = postings.post(tenant(), holderRestriction(), callerScoped(op));
    if (!r.accepted() && r.decline().isNotFound()) {
      throw new NotFoundException(r.detail());
    }
    if (!r.accepted()) {
      throw new FailedPreconditionException(r.decline().name(), r.detail());
    }
    return ProtoMapper.result(r);
  }

  /**
   * The operation with its key scoped to the caller: callers never see or squat each other's keys.
   */
  private static PostingOp callerScoped(PostingOp op) {
    return op.withIdempotencyKey(
        IdempotencyScope.scoped(AuthContext.principal().subject(), op.idempotencyKey()));
  }

  @Override
  public void createCardProduct(
      CreateCardProductRequest r, StreamObserver<CreateCardProductResponse> out) {
    var p =
        cards.createProduct(
            tenant(),
            new ProductSpec(
                r.getName(),
                r.getNetwork().name().substring(13),
                r.getCurrency(),
                r.getPurchaseAprBps(),
                r.getCashAdvanceAprBps(),
                r.getGraceDays(),
                r.getMinPayment().getFloor().getAmountMinor(),
                r.getMinPayment().getPercentBps(),
                r.getLateFee().getAmountMinor()));
    reply(out, CreateCardProductResponse.newBuilder().setProduct(ProtoMapper.product(p)).build());
  }

  @Override
  public void listCardProducts(
      ListCardProductsRequest r, StreamObserver<ListCardProductsResponse> out) {
    var p = cards.listProducts(tenant(), r.getPage().getPageSize(), r.getPage().getPageToken());
    reply(
        out,
        ListCardProductsResponse.newBuilder()
            .addAllProducts(p.items().stream().map(ProtoMapper::product).toList())
            .setPage(page(p))
            .build());
  }

  @Override
  public void getCardProduct(GetCardProductRequest r, StreamObserver<GetCardProductResponse> out) {
    reply(
        out,
        GetCardProductResponse.newBuilder()
            .setProduct(
                ProtoMapper.product(cards.product(tenant(), uuid("product_id", r.getProductId()))))
            .build());
  }

  @Override
  public void issueCard(IssueCardRequest r, StreamObserver<IssueCardResponse> out) {
    var c =
        cards.issue(
            tenant(),
            uuid("holder_user_id", r.getHolderUserId()),
            uuid("product_id", r.getProductId()),
            r.getCreditLimit().getAmountMinor(),
            r.getCreditLimit().getCurrency(),
            r.getBillingCycleDay(),
            IdempotencyScope.scoped(AuthContext.principal().subject(), r.getIdempotencyKey()),
            actorKind(),
            AuthContext.principal().subject().toString());
    reply(out, IssueCardResponse.newBuilder().setCard(ProtoMapper.card(c)).build());
  }

  @Override
  public void getCard(GetCardRequest r, StreamObserver<GetCardResponse> out) {
    reply(
        out,
        GetCardResponse.newBuilder()
            .setCard(
                ProtoMapper.card(
                    cards.card(tenant(), holderRestriction(), uuid("card_id", r.getCardId()))))
            .build());
  }

  @Override
  public void listCards(ListCardsRequest r, StreamObserver<ListCardsResponse> out) {
    io.meshdesk.ledger.domain.CardStatus status =
        r.getStatus() == CardStatus.CARD_STATUS_UNSPECIFIED
            ? null
            : io.meshdesk.ledger.domain.CardStatus.valueOf(r.getStatus().name().substring(12));
    var p =
        cards.listCards(
            tenant(),
            holderRestriction(),
            optionalUuid("holder_user_id", r.getHolderUserId()),
            status,
            optionalUuid("product_id", r.getProductId()),
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    reply(
        out,
        ListCardsResponse.newBuilder()
            .addAllCards(p.items().stream().map(ProtoMapper::card).toList())
            .setPage(page(p))
            .build());
  }

  @Override
  public void updateCreditLimit(
      UpdateCreditLimitRequest r, StreamObserver<UpdateCreditLimitResponse> out) {
    var res =
        cards.updateLimit(
            tenant(),
            uuid("card_id", r.getCardId()),
            r.getNewLimit().getAmountMinor(),
            r.getNewLimit().getCurrency(),
            r.getReason(),
            actorKind(),
            AuthContext.principal().subject().toString());
    reply(
        out,
        UpdateCreditLimitResponse.newBuilder()
            .setCard(ProtoMapper.card(res.card()))
            .setChange(ProtoMapper.limitChange(res.change()))
            .build());
  }

  @Override
  public void setCardStatus(SetCardStatusRequest r, StreamObserver<SetCardStatusResponse> out) {
    var c =
        cards.setStatus(
            tenant(),
            uuid("card_id", r.getCardId()),
            io.meshdesk.ledger.domain.CardStatus.valueOf(r.getStatus().name().substring(12)));
    reply(out, SetCardStatusResponse.newBuilder().setCard(ProtoMapper.card(c)).build());
  }

  @Override
  public void getLimitHistory(
      GetLimitHistoryRequest r, StreamObserver<GetLimitHistoryResponse> out) {
    var p =
        cards.limitHistory(
            tenant(),
            holderRestriction(),
            uuid("card_id", r.getCardId()),
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    reply(
        out,
        GetLimitHistoryResponse.newBuilder()
            .addAllChanges(p.items().stream().map(ProtoMapper::limitChange).toList())
            .setPage(page(p))
            .build());
  }

  @Override
  public void authorize(AuthorizeRequest r, StreamObserver<AuthorizeResponse> out) {
    reply(out, AuthorizeResponse.newBuilder().setResult(post(RequestMapper.authorize(r))).build());
  }

  @Override
  public void capture(CaptureRequest r, StreamObserver<CaptureResponse> out) {
    reply(
        out,
        CaptureResponse.newBuilder().setResult(creditUsed(post(RequestMapper.capture(r)))).build());
  }

  @Override
  public void void_(VoidRequest r, StreamObserver<VoidResponse> out) {
    reply(out, VoidResponse.newBuilder().setResult(post(RequestMapper.voidHold(r))).build());
  }

  @Override
  public void purchase(PurchaseRequest r, StreamObserver<PurchaseResponse> out) {
    reply(
        out,
        PurchaseResponse.newBuilder()
            .setResult(creditUsed(post(RequestMapper.purchase(r))))
            .build());
  }

  @Override
  public void refund(RefundRequest r, StreamObserver<RefundResponse> out) {
    reply(out, RefundResponse.newBuilder().setResult(post(RequestMapper.refund(r))).build());
  }

  /**
   * Sets who hears about accepted purchases, cash advances and captures (utilisation reminders).
   */
  public void onPosting(PostingListener listener) {
    this.postingListener = listener;
  }

  /** Tells the posting listener about an accepted, new posting; its failure never fails the RPC. */
  private OperationResult creditUsed(OperationResult result) {
    if (!result.getReplayed() && result.hasBalance()) {
      Balance b = result.getBalance();
      try {
        postingListener.creditUsed(
            tenant(),
            UUID.fromString(b.getCardId()),
            b.getPostedBalance().getAmountMinor() + b.getOpenHolds().getAmountMinor(),
            b.getCreditLimit().getAmountMinor(),
            b.getCreditLimit().getCurrency());
      } catch (RuntimeException e) {
        // The posting is committed; a missed utilisation notice must not fail it.
        log.warn("posting listener failed: {}", e.toString());
      }
    }
    return result;
  }

  /** Sets who hears about accepted payments (the reminder module). */
  public void onPayment(PaymentListener listener) {
    this.paymentListener = listener;
  }

  /**
   * Staff and service accounts post a payment at once; a customer's payment is an instruction
   * pending settlement.
   */
  @Override
  public void payment(PaymentRequest r, StreamObserver<PaymentResponse> out) {
    Principal caller = AuthContext.principal();
    if (caller.role() == Role.CUSTOMER) {
      var i =
          pendingPayments.instruct(
              tenant(),
              caller.subject(),
              uuid("card_id", r.getCardId()),
              r.getAmount().getAmountMinor(),
              r.getAmount().getCurrency(),
              r.getReference(),
              IdempotencyScope.scoped(caller.subject(), r.getIdempotencyKey()));
      reply(
          out,
          PaymentResponse.newBuilder()
              .setResult(PaymentMapper.instructed(i))
              .setPendingPayment(PaymentMapper.pending(i.payment()))
              .build());
      return;
    }
    OperationResult result = post(RequestMapper.payment(r));
    if (!result.getReplayed()) {
      paymentPosted(result.getTransaction());
    }
    reply(out, PaymentResponse.newBuilder().setResult(result).build());
  }

  @Override
  public void settlePayment(SettlePaymentRequest r, StreamObserver<SettlePaymentResponse> out) {
    var s =
        pendingPayments.settle(
            tenant(),
            uuid("pending_payment_id", r.getPendingPaymentId()),
            PaymentMapper.outcome(r.getOutcome()));
    if (s.posting() != null && !s.replayed()) {
      paymentPosted(ProtoMapper.txn(s.posting().txn()));
    }
    reply(
        out,
        SettlePaymentResponse.newBuilder()
            .setPendingPayment(PaymentMapper.pending(s.payment()))
            .setBalance(
                PaymentMapper.withPending(
                    s.balance(), pendingPayments.pendingTotals(tenant(), s.payment().cardId())))
            .build());
  }

  private void paymentPosted(Transaction t) {
    paymentListener.paymentPosted(
        tenant(),
        UUID.fromString(t.getCardId()),
        t.getId(),
        t.getAmount().getAmountMinor(),
        t.getAmount().getCurrency());
  }

  @Override
  public void postFee(PostFeeRequest r, StreamObserver<PostFeeResponse> out) {
    reply(out, PostFeeResponse.newBuilder().setResult(post(RequestMapper.fee(r))).build());
  }

  /**
   * Reverses a fee, interest or payment (a waiver, a correction, a returned payment) by a mirroring
   * entry.
   */
  @Override
  public void reverse(ReverseRequest r, StreamObserver<ReverseResponse> out) {
    reply(out, ReverseResponse.newBuilder().setResult(post(RequestMapper.reverse(r))).build());
  }

  @Override
  public void cashAdvance(CashAdvanceRequest r, StreamObserver<CashAdvanceResponse> out) {
    reply(
        out,
        CashAdvanceResponse.newBuilder()
            .setResult(creditUsed(post(RequestMapper.cashAdvance(r))))
            .build());
  }

  @Override
  public void batchPost(BatchPostRequest r, StreamObserver<BatchPostResponse> out) {
    Principal caller = AuthContext.principal();
    List<PostingOp> ops = new ArrayList<>(r.getOperationsCount());
    for (int i = 0; i < r.getOperationsCount(); i++) {
      requirePermission(caller, i, r.getOperations(i));
      ops.add(callerScoped(RequestMapper.batchItem(i, r.getOperations(i))));
    }
    List<OpResult> results = postings.postBatch(tenant(), holderRestriction(), ops);
    BatchPostResponse.Builder b = BatchPostResponse.newBuilder();
    int accepted = 0;
    for (int i = 0; i < results.size(); i++) {
      accepted += results.get(i).accepted() ? 1 : 0;
      b.addResults(
          BatchOperationResult.newBuilder()
              .setIndex(i)
              .setResult(ProtoMapper.result(results.get(i))));
    }
    reply(out, b.setAcceptedCount(accepted).setDeclinedCount(results.size() - accepted).build());
  }

  /**
   * A batch must not do what the caller may not do one by one: each operation needs its own RPC's
   * permission.
   */
  private static void requirePermission(Principal caller, int index, BatchOperation op) {
    String method = RequestMapper.rpcOf(op);
    String permission = method == null ? null : Rbac.permissionFor(method).orElse("");
    if (permission != null && !caller.can(permission)) {
      throw new PermissionDeniedException(
          "operations["
              + index
              + "]: "
              + method.substring(method.indexOf('/') + 1)
              + " needs permission "
              + permission);
    }
  }

  @Override
  public void getBalance(GetBalanceRequest r, StreamObserver<GetBalanceResponse> out) {
    UUID card = uuid("card_id", r.getCardId());
    reply(
        out,
        GetBalanceResponse.newBuilder()
            .setBalance(
                PaymentMapper.withPending(
                    queries.balance(tenant(), holderRestriction(), card),
                    pendingPayments.pendingTotals(tenant(), card)))
            .build());
  }

  @Override
  public void listTransactions(
      ListTransactionsRequest r, StreamObserver<ListTransactionsResponse> out) {
    Set<TxnType> types = EnumSet.noneOf(TxnType.class);
    r.getTypesList().forEach(t -> types.add(TxnType.valueOf(t.name().substring(17))));
    var p =
        queries.transactions(
            tenant(),
            holderRestriction(),
            uuid("card_id", r.getCardId()),
            RequestMapper.start(r.getPosted()),
            RequestMapper.end(r.getPosted()),
            types,
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    reply(
        out,
        ListTransactionsResponse.newBuilder()
            .addAllTransactions(p.items().stream().map(ProtoMapper::txn).toList())
            .setPage(page(p))
            .build());
  }

  @Override
  public void listJournalEntries(
      ListJournalEntriesRequest r, StreamObserver<ListJournalEntriesResponse> out) {
    var p =
        queries.journal(
            tenant(),
            holderRestriction(),
            uuid("card_id", r.getCardId()),
            RequestMapper.start(r.getPosted()),
            RequestMapper.end(r.getPosted()),
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    reply(
        out,
        ListJournalEntriesResponse.newBuilder()
            .addAllEntries(p.items().stream().map(ProtoMapper::entry).toList())
            .setPage(page(p))
            .build());
  }

  @Override
  public void listStatements(ListStatementsRequest r, StreamObserver<ListStatementsResponse> out) {
    var p =
        queries.statements(
            tenant(),
            holderRestriction(),
            uuid("card_id", r.getCardId()),
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    reply(
        out,
        ListStatementsResponse.newBuilder()
            .addAllStatements(p.items().stream().map(ProtoMapper::statement).toList())
            .setPage(page(p))
            .build());
  }

  @Override
  public void getStatement(GetStatementRequest r, StreamObserver<GetStatementResponse> out) {
    reply(
        out,
        GetStatementResponse.newBuilder()
            .setStatement(
                ProtoMapper.statement(
                    queries.statement(
                        tenant(), holderRestriction(), uuid("statement_id", r.getStatementId()))))
            .build());
  }

  @Override
  public void audit(AuditRequest r, StreamObserver<AuditResponse> out) {
    AuditReport a =
        audit.audit(
            tenant(),
            optionalUuid("card_id", r.getCardId()),
            r.getMaxViolations() == 0 ? 1000 : r.getMaxViolations());
    reply(out, ProtoMapper.audit(a));
  }
}
