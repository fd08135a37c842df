package io.meshdesk.ledger.grpc;

import static io.meshdesk.ledger.grpc.RequestMapper.uuid;

import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.GetBalanceResponse;
import io.meshdesk.api.ledger.v1.GetStatementRequest;
import io.meshdesk.api.ledger.v1.GetStatementResponse;
import io.meshdesk.api.ledger.v1.ListJournalEntriesRequest;
import io.meshdesk.api.ledger.v1.ListJournalEntriesResponse;
import io.meshdesk.api.ledger.v1.ListStatementsRequest;
import io.meshdesk.api.ledger.v1.ListStatementsResponse;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.ListTransactionsResponse;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.query.QueryService;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** The read RPCs: balances, transactions, the journal and statements. */
final class QueryHandlers {

  private final QueryService queries;
  private final PendingPayments pendingPayments;

  QueryHandlers(QueryService queries, PendingPayments pendingPayments) {
    this.queries = queries;
    this.pendingPayments = pendingPayments;
  }

  GetBalanceResponse balance(GetBalanceRequest r) {
    UUID card = uuid("card_id", r.getCardId());
    UUID tenant = Caller.tenant();
    return GetBalanceResponse.newBuilder()
        .setBalance(
            PaymentMapper.withPending(
                queries.balance(tenant, Caller.holderRestriction(), card),
                pendingPayments.pendingTotals(tenant, card)))
        .build();
  }

  ListTransactionsResponse transactions(ListTransactionsRequest r) {
    Set<TxnType> types = EnumSet.noneOf(TxnType.class);
    r.getTypesList().forEach(t -> types.add(TxnType.valueOf(t.name().substring(17))));
    var p =
        queries.transactions(
            Caller.tenant(),
            Caller.holderRestriction(),
            uuid("card_id", r.getCardId()),
            RequestMapper.start(r.getPosted()),
            RequestMapper.end(r.getPosted()),
            types,
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    return ListTransactionsResponse.newBuilder()
        .addAllTransactions(p.items().stream().map(LedgerMapper::txn).toList())
        .setPage(Caller.page(p))
        .build();
  }

  ListJournalEntriesResponse journal(ListJournalEntriesRequest r) {
    var p =
        queries.journal(
            Caller.tenant(),
            Caller.holderRestriction(),
            uuid("card_id", r.getCardId()),
            RequestMapper.start(r.getPosted()),
            RequestMapper.end(r.getPosted()),
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    return ListJournalEntriesResponse.newBuilder()
        .addAllEntries(p.items().stream().map(LedgerMapper::entry).toList())
        .setPage(Caller.page(p))
        .build();
  }

  ListStatementsResponse statements(ListStatementsRequest r) {
    var p =
        queries.statements(
            Caller.tenant(),
            Caller.holderRestriction(),
            uuid("card_id", r.getCardId()),
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    return ListStatementsResponse.newBuilder()
        .addAllStatements(p.items().stream().map(LedgerMapper::statement).toList())
        .setPage(Caller.page(p))
        .build();
  }

  GetStatementResponse statement(GetStatementRequest r) {
    return GetStatementResponse.newBuilder()
        .setStatement(
            LedgerMapper.statement(
                queries.statement(
                    Caller.tenant(),
                    Caller.holderRestriction(),
                    uuid("statement_id", r.getStatementId()))))
        .build();
  }
}
