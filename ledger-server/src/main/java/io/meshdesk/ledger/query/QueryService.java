package io.meshdesk.ledger.query;

import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.domain.BalanceView;
import io.meshdesk.ledger.domain.JournalEntryView;
import io.meshdesk.ledger.domain.Page;
import io.meshdesk.ledger.domain.StatementView;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.domain.TxnView;
import io.meshdesk.ledger.posting.LedgerReadStore;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Read side of the ledger: balances, transactions, the journal and statements. Every query checks
 * first that the caller may see the card (a customer only their own), else NOT_FOUND.
 */
public final class QueryService {

  private final Transactions tx;
  private final Clock clock;

  public QueryService(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** A card's balance now. */
  public BalanceView balance(UUID tenant, UUID holderRestriction, UUID cardId) {
    return tx.inTenant(
        tenant,
        c -> {
          BalanceView b =
              LedgerReadStore.balance(c, tenant, cardId, clock.instant())
                  .orElseThrow(() -> new NotFoundException("no card " + cardId));
          if (holderRestriction != null) {
            CardService.visible(c, tenant, holderRestriction, cardId);
          }
          return b;
        });
  }

  /** Transactions newest first, optionally within [from, to) and of some types. */
  public Page<TxnView> transactions(
      UUID tenant,
      UUID holderRestriction,
      UUID cardId,
      Instant from,
      Instant to,
      Set<TxnType> types,
      int pageSize,
      String pageToken) {
    int size = Page.size(pageSize);
    String after = Page.keysetPosition(pageToken);
    return tx.inTenant(
        tenant,
        c -> {
          CardService.visible(c, tenant, holderRestriction, cardId);
          List<TxnView> rows =
              HistoryStore.transactions(c, tenant, cardId, from, to, types, after, size + 1);
          return Page.of(rows, size, t -> t.postedAt() + "|" + t.id());
        });
  }

  /** Journal entries with postings in chain order. */
  public Page<JournalEntryView> journal(
      UUID tenant,
      UUID holderRestriction,
      UUID cardId,
      Instant from,
      Instant to,
      int pageSize,
      String pageToken) {
    int size = Page.size(pageSize);
    String after = Page.sequencePosition(pageToken);
    return tx.inTenant(
        tenant,
        c -> {
          CardService.visible(c, tenant, holderRestriction, cardId);
          List<JournalEntryView> entries =
              HistoryStore.journal(c, tenant, cardId, from, to, after, size + 1);
          return Page.of(entries, size, e -> Long.toString(e.sequence()));
        });
  }

  /** Statements newest first, without lines. */
  public Page<StatementView> statements(
      UUID tenant, UUID holderRestriction, UUID cardId, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    String after = Page.datePosition(pageToken);
    return tx.inTenant(
        tenant,
        c -> {
          CardService.visible(c, tenant, holderRestriction, cardId);
          List<StatementView> rows = HistoryStore.statements(c, tenant, cardId, after, size + 1);
          return Page.of(rows, size, s -> s.periodEnd().toString());
        });
  }

  /** One statement with its lines. */
  public StatementView statement(UUID tenant, UUID holderRestriction, UUID statementId) {
    return tx.inTenant(
        tenant,
        c -> {
          StatementView s =
              HistoryStore.statement(c, tenant, statementId)
                  .orElseThrow(() -> new NotFoundException("no statement " + statementId));
          if (holderRestriction != null) {
            try {
              CardService.visible(c, tenant, holderRestriction, s.cardId());
            } catch (NotFoundException e) {
              throw new NotFoundException("no statement " + statementId);
            }
          }
          return s;
        });
  }
}
