package io.meshdesk.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The version-2 entry hash covers the whole transaction; version 1 stays computable for old
 * entries.
 */
class EntryHashTest {

  static final UUID TENANT = UUID.randomUUID();
  static final UUID ENTRY = UUID.randomUUID();
  static final Instant AT = Instant.parse("2025-05-15T15:00:00.123456Z");
  static final TxnView TXN =
      new TxnView(
          UUID.randomUUID(),
          UUID.randomUUID(),
          TxnType.PURCHASE,
          4_200,
          "USD",
          new Merchant("Corner Shop", "5411", "US", "Oakland", "m-1"),
          null,
          null,
          "",
          "Corner Shop",
          "",
          "key-1",
          ENTRY,
          AT,
          LocalDate.parse("2025-05-16"),
          null);
  static final List<PostingView> LEGS =
      List.of(
          new PostingView("card:x:receivable", 4_200, "USD"),
          new PostingView("merchant_settlement", -4_200, "USD"));

  static String hash(TxnView t) {
    return EntryHash.of(TENANT, ENTRY, 1, t, LEGS, EntryHash.GENESIS);
  }

  @Test
  void everyPartOfTheTransactionChangesTheHash() {
    String base = hash(TXN);
    List<TxnView> changed =
        List.of(
            new TxnView(
                TXN.id(),
                TXN.cardId(),
                TXN.type(),
                TXN.amountMinor(),
                TXN.currency(),
                TXN.merchant(),
                TXN.holdId(),
                TXN.originalTxnId(),
                TXN.feeType(),
                TXN.description(),
                TXN.reference(),
                TXN.idempotencyKey(),
                ENTRY,
                AT,
                LocalDate.parse("2025-05-15"),
                null),
            new TxnView(
                TXN.id(),
                TXN.cardId(),
                TXN.type(),
                TXN.amountMinor(),
                TXN.currency(),
                new Merchant("Elsewhere", "5411", "US", "Oakland", "m-1"),
                TXN.holdId(),
                TXN.originalTxnId(),
                TXN.feeType(),
                TXN.description(),
                TXN.reference(),
                TXN.idempotencyKey(),
                ENTRY,
                AT,
                TXN.postedDate(),
                null),
            new TxnView(
                TXN.id(),
                TXN.cardId(),
                TXN.type(),
                TXN.amountMinor(),
                TXN.currency(),
                TXN.merchant(),
                UUID.randomUUID(),
                TXN.originalTxnId(),
                TXN.feeType(),
                TXN.description(),
                TXN.reference(),
                TXN.idempotencyKey(),
                ENTRY,
                AT,
                TXN.postedDate(),
                null),
            new TxnView(
                TXN.id(),
                TXN.cardId(),
                TXN.type(),
                TXN.amountMinor(),
                TXN.currency(),
                TXN.merchant(),
                TXN.holdId(),
                UUID.randomUUID(),
                TXN.feeType(),
                TXN.description(),
                TXN.reference(),
                TXN.idempotencyKey(),
                ENTRY,
                AT,
                TXN.postedDate(),
                null),
            new TxnView(
                TXN.id(),
                TXN.cardId(),
                TXN.type(),
                TXN.amountMinor(),
                TXN.currency(),
                TXN.merchant(),
                TXN.holdId(),
                TXN.originalTxnId(),
                TXN.feeType(),
                "Other text",
                TXN.reference(),
                TXN.idempotencyKey(),
                ENTRY,
                AT,
                TXN.postedDate(),
                null));
    for (TxnView t : changed) {
      assertThat(hash(t)).isNotEqualTo(base);
    }
    assertThat(hash(TXN)).isEqualTo(base);
  }

  @Test
  void fieldsCannotShiftIntoTheirNeighbours() {
    TxnView a =
        new TxnView(
            TXN.id(),
            TXN.cardId(),
            TXN.type(),
            TXN.amountMinor(),
            TXN.currency(),
            TXN.merchant(),
            null,
            null,
            "",
            "ab",
            "c",
            "key-1",
            ENTRY,
            AT,
            TXN.postedDate(),
            null);
    TxnView b =
        new TxnView(
            TXN.id(),
            TXN.cardId(),
            TXN.type(),
            TXN.amountMinor(),
            TXN.currency(),
            TXN.merchant(),
            null,
            null,
            "",
            "a",
            "bc",
            "key-1",
            ENTRY,
            AT,
            TXN.postedDate(),
            null);
    assertThat(hash(a)).isNotEqualTo(hash(b));
  }

  @Test
  void versionOneHashesOnlyTheOldFieldsAndDiffersFromVersionTwo() {
    String v1 =
        EntryHash.v1(
            TENANT,
            ENTRY,
            TXN.cardId(),
            1,
            TXN.id(),
            AT,
            TxnType.PURCHASE,
            4_200,
            LEGS,
            EntryHash.GENESIS);
    assertThat(v1).hasSize(64).isNotEqualTo(hash(TXN));
  }
}
