package io.meshdesk.ledger.query;

import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.domain.Page;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.domain.Views;
import io.meshdesk.ledger.posting.LedgerReads;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Read side of the ledger: balances, transactions, the journal and statements. Every query checks
 * first that the caller may see the card (a customer only their own), else NOT_FOUND.
 */
public final class LedgerQueries {

  private final Transactions tx;
  private final Clock clock;

  public LedgerQueries(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** A card's balance now. */
  public Views.Balance balance(UUID tenant, UUID holderRestriction, UUID cardId) {
    return tx.inTenant(
        tenant,
        c -> {
          Views.Balance b =
              LedgerReads.balance(c, tenant, cardId, clock.instant())
                  .orElseThrow(() -> new NotFoundException("no card " + cardId));
          if (holderRestriction != null) {
            CardService.visible(c, tenant, holderRestriction, cardId);
          }
          return b;
        });
  }

  /** Transactions newest first, optionally within [from, to) and of some types. */
  public Page<Views.Txn> transactions(
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
          StringBuilder sql =
              new StringBuilder(
                  "select "
                      + LedgerReads.TXN_COLUMNS
                      + " from ledger.txn t where t.tenant_id = ? and t.card_id = ?");
          List<Object> args = new ArrayList<>(List.of(tenant, cardId));
          range(sql, args, "t.posted_at", from, to);
          if (types != null && !types.isEmpty()) {
            sql.append(" and t.type = any(?)");
            args.add(c.createArrayOf("text", types.stream().map(Enum::name).toArray()));
          }
          if (!after.isEmpty()) {
            String[] pos = after.split("\\|", 2);
            sql.append(" and (t.posted_at, t.id) < (?, ?)");
            args.add(Timestamp.from(Instant.parse(pos[0])));
            args.add(UUID.fromString(pos[1]));
          }
          sql.append(" order by t.posted_at desc, t.id desc limit ?");
          args.add(size + 1);
          List<Views.Txn> rows = new ArrayList<>();
          try (PreparedStatement ps = bind(c, sql.toString(), args);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(LedgerReads.readTxn(rs));
            }
          }
          return Page.of(rows, size, t -> t.postedAt() + "|" + t.id());
        });
  }

  /** Journal entries with postings in chain order. */
  public Page<Views.JournalEntry> journal(
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
          StringBuilder sql =
              new StringBuilder(
                  "select e.id, e.card_id, e.sequence, e.transaction_id, e.posted_at, e.hash,"
                      + " e.previous_hash, p.account, p.amount_minor, p.currency from ledger.journal_entry e join ledger.posting p"
                      + " on p.tenant_id = e.tenant_id and p.entry_id = e.id where e.id in (select id from ledger.journal_entry e"
                      + " where e.tenant_id = ? and e.card_id = ? and e.sequence > ?");
          List<Object> args =
              new ArrayList<>(
                  List.of(tenant, cardId, after.isEmpty() ? 0L : Long.parseLong(after)));
          range(sql, args, "e.posted_at", from, to);
          sql.append(
              " order by e.sequence limit ?) and e.tenant_id = ? order by e.sequence, p.leg");
          args.add(size + 1);
          args.add(tenant);
          Map<UUID, Views.JournalEntry> entries = new LinkedHashMap<>();
          Map<UUID, List<Views.Posting>> legs = new LinkedHashMap<>();
          try (PreparedStatement ps = bind(c, sql.toString(), args);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              UUID id = rs.getObject(1, UUID.class);
              List<Views.Posting> list = legs.computeIfAbsent(id, k -> new ArrayList<>());
              entries.computeIfAbsent(
                  id,
                  k -> {
                    try {
                      return new Views.JournalEntry(
                          id,
                          rs.getObject(2, UUID.class),
                          rs.getLong(3),
                          rs.getObject(4, UUID.class),
                          rs.getTimestamp(5).toInstant(),
                          list,
                          rs.getString(6),
                          rs.getString(7));
                    } catch (SQLException e) {
                      throw new IllegalStateException(e);
                    }
                  });
              list.add(new Views.Posting(rs.getString(8), rs.getLong(9), rs.getString(10)));
            }
          }
          return Page.of(new ArrayList<>(entries.values()), size, e -> Long.toString(e.sequence()));
        });
  }

  /** Statements newest first, without lines. */
  public Page<Views.Statement> statements(
      UUID tenant, UUID holderRestriction, UUID cardId, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    String after = Page.datePosition(pageToken);
    return tx.inTenant(
        tenant,
        c -> {
          CardService.visible(c, tenant, holderRestriction, cardId);
          List<Views.Statement> rows = StatementRows.list(c, tenant, cardId, after, size + 1);
          return Page.of(rows, size, s -> s.periodEnd().toString());
        });
  }

  /** One statement with its lines. */
  public Views.Statement statement(UUID tenant, UUID holderRestriction, UUID statementId) {
    return tx.inTenant(
        tenant,
        c -> {
          Views.Statement s =
              StatementRows.find(c, tenant, statementId)
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

  private static void range(
      StringBuilder sql, List<Object> args, String column, Instant from, Instant to) {
    if (from != null) {
      sql.append(" and ").append(column).append(" >= ?");
      args.add(Timestamp.from(from));
    }
    if (to != null) {
      sql.append(" and ").append(column).append(" < ?");
      args.add(Timestamp.from(to));
    }
  }

  private static PreparedStatement bind(Connection c, String sql, List<Object> args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
    return ps;
  }
}
