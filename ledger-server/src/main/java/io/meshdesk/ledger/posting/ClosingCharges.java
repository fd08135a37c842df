package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.domain.TxnView;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Posts the charges a statement close computes (interest, the late fee) as ordinary journal entries
 * on a card the caller has locked, dated inside the closed cycle.
 */
public final class ClosingCharges {

  /** One charge to post. */
  public record Charge(
      TxnType type,
      long amountMinor,
      String feeType,
      String description,
      String key,
      LocalDate postedDate) {}

  private ClosingCharges() {}

  /**
   * Posts the charges in order and writes the card back (also when only its holds expired); returns
   * the transactions.
   */
  public static List<TxnView> post(
      Connection c, UUID tenant, CardState card, List<Charge> charges, Instant now)
      throws SQLException {
    WriteSet writes = new WriteSet();
    PostingRules rules =
        new PostingRules(tenant, null, now, Map.of(card.id, card), Map.of(), Map.of(), writes);
    List<TxnView> out = new ArrayList<>();
    for (Charge ch : charges) {
      out.add(
          rules.charge(
              card,
              ch.type(),
              ch.amountMinor(),
              ch.feeType(),
              ch.description(),
              ch.key(),
              ch.postedDate()));
    }
    if (!out.isEmpty() || card.dirty) {
      PostingWriter.write(c, tenant, now, writes, List.of(card));
    }
    return out;
  }

  /** Locks one card for a statement close; empty when it does not exist. */
  public static java.util.Optional<CardState> lock(Connection c, UUID tenant, UUID cardId)
      throws SQLException {
    Map<UUID, CardState> cards = PostingStore.lockCards(c, tenant, List.of(cardId), List.of());
    return java.util.Optional.ofNullable(cards.get(cardId));
  }

  /**
   * Marks the locked card's holds past their expiry EXPIRED, so the closing statement's available
   * credit ignores them; {@link #post} must follow in the same transaction to write the card back.
   */
  public static void expireHolds(Connection c, UUID tenant, CardState card, Instant now)
      throws SQLException {
    PostingStore.expireHolds(c, tenant, List.of(card), now);
  }
}
