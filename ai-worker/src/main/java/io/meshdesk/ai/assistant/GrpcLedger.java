package io.meshdesk.ai.assistant;

import static io.meshdesk.platform.proto.ProtoTime.timestamp;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.meshdesk.ai.worker.GrpcTicketPort;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.common.v1.TimeRange;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.GetCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.api.ledger.v1.ListCardsResponse;
import io.meshdesk.api.ledger.v1.ListStatementsRequest;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.ListTransactionsResponse;
import io.meshdesk.api.ledger.v1.Statement;
import io.meshdesk.api.ledger.v1.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link Ledger} over gRPC to the ledger server, made with the caller's own bearer token (so a
 * customer reads only their own cards), following every page of a listing.
 */
public final class GrpcLedger implements Ledger {

  private final LedgerServiceGrpc.LedgerServiceBlockingStub stub;

  public GrpcLedger(ManagedChannel channel) {
    this.stub = LedgerServiceGrpc.newBlockingStub(channel);
  }

  @Override
  public List<Card> cardsOf(String token, UUID holder) {
    List<Card> out = new ArrayList<>();
    String page = "";
    do {
      String p = page;
      ListCardsResponse r =
          call(
              () ->
                  stub(token)
                      .listCards(
                          ListCardsRequest.newBuilder()
                              .setHolderUserId(holder.toString())
                              .setPage(PageRequest.newBuilder().setPageSize(100).setPageToken(p))
                              .build()));
      out.addAll(r.getCardsList());
      page = r.getPage().getNextPageToken();
    } while (!page.isEmpty());
    return out;
  }

  @Override
  public Card card(String token, UUID cardId) {
    return call(
        () ->
            stub(token)
                .getCard(GetCardRequest.newBuilder().setCardId(cardId.toString()).build())
                .getCard());
  }

  @Override
  public Balance balance(String token, UUID cardId) {
    return call(
        () ->
            stub(token)
                .getBalance(GetBalanceRequest.newBuilder().setCardId(cardId.toString()).build())
                .getBalance());
  }

  @Override
  public List<Transaction> transactions(String token, UUID cardId, Instant from, Instant to) {
    List<Transaction> out = new ArrayList<>();
    String page = "";
    do {
      String p = page;
      ListTransactionsResponse r =
          call(
              () ->
                  stub(token)
                      .listTransactions(
                          ListTransactionsRequest.newBuilder()
                              .setCardId(cardId.toString())
                              .setPosted(
                                  TimeRange.newBuilder()
                                      .setStartTime(timestamp(from))
                                      .setEndTime(timestamp(to)))
                              .setPage(PageRequest.newBuilder().setPageSize(500).setPageToken(p))
                              .build()));
      out.addAll(r.getTransactionsList());
      page = r.getPage().getNextPageToken();
    } while (!page.isEmpty() && out.size() < 20_000);
    return out;
  }

  @Override
  public List<Statement> statements(String token, UUID cardId, int limit) {
    return call(
        () ->
            stub(token)
                .listStatements(
                    ListStatementsRequest.newBuilder()
                        .setCardId(cardId.toString())
                        .setPage(PageRequest.newBuilder().setPageSize(limit))
                        .build())
                .getStatementsList());
  }

  private LedgerServiceGrpc.LedgerServiceBlockingStub stub(String token) {
    return stub.withCallCredentials(GrpcTicketPort.bearer(token))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static <T> T call(Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw GrpcTicketPort.translate("ledger-server", e);
    }
  }
}
