package io.meshdesk.ledger.grpc;

import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.AuthorizeRequest;
import io.meshdesk.api.ledger.v1.AuthorizeResponse;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.BatchPostResponse;
import io.meshdesk.api.ledger.v1.CaptureRequest;
import io.meshdesk.api.ledger.v1.CaptureResponse;
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
import io.meshdesk.api.ledger.v1.GetSpendingRequest;
import io.meshdesk.api.ledger.v1.GetSpendingResponse;
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
import io.meshdesk.api.ledger.v1.ListUnusualChargesRequest;
import io.meshdesk.api.ledger.v1.ListUnusualChargesResponse;
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
import io.meshdesk.api.ledger.v1.UpdateCreditLimitRequest;
import io.meshdesk.api.ledger.v1.UpdateCreditLimitResponse;
import io.meshdesk.api.ledger.v1.VoidRequest;
import io.meshdesk.api.ledger.v1.VoidResponse;
import io.meshdesk.api.ledger.v1.WatchAuditRequest;
import io.meshdesk.api.ledger.v1.WatchAuditResponse;
import io.meshdesk.ledger.audit.AuditService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.ledger.query.QueryService;
import io.meshdesk.ledger.spending.SpendingService;

/**
 * gRPC face of the ledger: one service whose RPCs are answered by the card, posting, query, audit
 * and spending handlers.
 */
public final class LedgerGrpcService extends LedgerServiceGrpc.LedgerServiceImplBase {

  private final CardHandlers cards;
  private final PostingHandlers postings;
  private final QueryHandlers queries;
  private final AuditHandlers audits;
  private final SpendingHandlers spending;

  public LedgerGrpcService(
      CardService cards,
      PostingEngine postings,
      QueryService queries,
      AuditService audit,
      PendingPayments pendingPayments,
      SpendingService spending) {
    this.cards = new CardHandlers(cards);
    this.postings = new PostingHandlers(postings, pendingPayments);
    this.queries = new QueryHandlers(queries, pendingPayments);
    this.audits = new AuditHandlers(audit);
    this.spending = new SpendingHandlers(spending);
  }

  /**
   * Sets who hears about accepted purchases, cash advances and captures (utilisation reminders).
   */
  public void onPosting(PostingListener listener) {
    postings.onPosting(listener);
  }

  /** Sets who hears about accepted payments (the reminder module). */
  public void onPayment(PaymentListener listener) {
    postings.onPayment(listener);
  }

  private static <T> void reply(StreamObserver<T> out, T value) {
    out.onNext(value);
    out.onCompleted();
  }

  @Override
  public void createCardProduct(
      CreateCardProductRequest r, StreamObserver<CreateCardProductResponse> out) {
    reply(out, cards.createProduct(r));
  }

  @Override
  public void listCardProducts(
      ListCardProductsRequest r, StreamObserver<ListCardProductsResponse> out) {
    reply(out, cards.listProducts(r));
  }

  @Override
  public void getCardProduct(GetCardProductRequest r, StreamObserver<GetCardProductResponse> out) {
    reply(out, cards.getProduct(r));
  }

  @Override
  public void issueCard(IssueCardRequest r, StreamObserver<IssueCardResponse> out) {
    reply(out, cards.issue(r));
  }

  @Override
  public void getCard(GetCardRequest r, StreamObserver<GetCardResponse> out) {
    reply(out, cards.get(r));
  }

  @Override
  public void listCards(ListCardsRequest r, StreamObserver<ListCardsResponse> out) {
    reply(out, cards.list(r));
  }

  @Override
  public void updateCreditLimit(
      UpdateCreditLimitRequest r, StreamObserver<UpdateCreditLimitResponse> out) {
    reply(out, cards.updateLimit(r));
  }

  @Override
  public void setCardStatus(SetCardStatusRequest r, StreamObserver<SetCardStatusResponse> out) {
    reply(out, cards.setStatus(r));
  }

  @Override
  public void getLimitHistory(
      GetLimitHistoryRequest r, StreamObserver<GetLimitHistoryResponse> out) {
    reply(out, cards.limitHistory(r));
  }

  @Override
  public void authorize(AuthorizeRequest r, StreamObserver<AuthorizeResponse> out) {
    reply(out, postings.authorize(r));
  }

  @Override
  public void capture(CaptureRequest r, StreamObserver<CaptureResponse> out) {
    reply(out, postings.capture(r));
  }

  @Override
  public void void_(VoidRequest r, StreamObserver<VoidResponse> out) {
    reply(out, postings.voidHold(r));
  }

  @Override
  public void purchase(PurchaseRequest r, StreamObserver<PurchaseResponse> out) {
    reply(out, postings.purchase(r));
  }

  @Override
  public void refund(RefundRequest r, StreamObserver<RefundResponse> out) {
    reply(out, postings.refund(r));
  }

  @Override
  public void payment(PaymentRequest r, StreamObserver<PaymentResponse> out) {
    reply(out, postings.payment(r));
  }

  @Override
  public void settlePayment(SettlePaymentRequest r, StreamObserver<SettlePaymentResponse> out) {
    reply(out, postings.settlePayment(r));
  }

  @Override
  public void postFee(PostFeeRequest r, StreamObserver<PostFeeResponse> out) {
    reply(out, postings.postFee(r));
  }

  @Override
  public void reverse(ReverseRequest r, StreamObserver<ReverseResponse> out) {
    reply(out, postings.reverse(r));
  }

  @Override
  public void cashAdvance(CashAdvanceRequest r, StreamObserver<CashAdvanceResponse> out) {
    reply(out, postings.cashAdvance(r));
  }

  @Override
  public void batchPost(BatchPostRequest r, StreamObserver<BatchPostResponse> out) {
    reply(out, postings.batchPost(r));
  }

  @Override
  public void getBalance(GetBalanceRequest r, StreamObserver<GetBalanceResponse> out) {
    reply(out, queries.balance(r));
  }

  @Override
  public void listTransactions(
      ListTransactionsRequest r, StreamObserver<ListTransactionsResponse> out) {
    reply(out, queries.transactions(r));
  }

  @Override
  public void listJournalEntries(
      ListJournalEntriesRequest r, StreamObserver<ListJournalEntriesResponse> out) {
    reply(out, queries.journal(r));
  }

  @Override
  public void listStatements(ListStatementsRequest r, StreamObserver<ListStatementsResponse> out) {
    reply(out, queries.statements(r));
  }

  @Override
  public void getStatement(GetStatementRequest r, StreamObserver<GetStatementResponse> out) {
    reply(out, queries.statement(r));
  }

  @Override
  public void getSpending(GetSpendingRequest r, StreamObserver<GetSpendingResponse> out) {
    reply(out, spending.spending(r));
  }

  @Override
  public void listUnusualCharges(
      ListUnusualChargesRequest r, StreamObserver<ListUnusualChargesResponse> out) {
    reply(out, spending.unusual(r));
  }

  @Override
  public void audit(AuditRequest r, StreamObserver<AuditResponse> out) {
    reply(out, audits.audit(r));
  }

  @Override
  public void watchAudit(WatchAuditRequest r, StreamObserver<WatchAuditResponse> out) {
    audits.watch(r, out);
  }
}
