package io.meshdesk.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The hash chain of a card's journal: SHA-256 over an entry's canonical content and the previous
 * entry's hash. Changing any of it, or removing an entry, breaks the chain.
 *
 * <p>Version 2 (every entry written now) covers the whole transaction: ids, sequence, posting time
 * in microseconds, type, amount, currency, posting date, merchant, hold, original transaction, fee
 * type, description, reference, idempotency key, and every leg. Version 1 (entries written before
 * {@code ledger-003}) covered only ids, sequence, time, type, amount and legs; the audit still
 * verifies those with {@link #v1}. The version is stored beside the hash, and a version-2 entry
 * relabelled as version 1 no longer matches its hash, so the label cannot be used to hide a change.
 */
public final class EntryHash {

  /** Previous hash of a card's first entry. */
  public static final String GENESIS = "0".repeat(64);

  /** The version new entries are hashed with. */
  public static final int VERSION = 2;

  private EntryHash() {}

  /** The lowercase hex version-2 hash of the entry of {@code txn}. */
  public static String of(
      UUID tenantId,
      UUID entryId,
      long sequence,
      TxnView txn,
      List<PostingView> postings,
      String previousHash) {
    StringBuilder sb = new StringBuilder(512).append("v2");
    field(sb, tenantId);
    field(sb, entryId);
    field(sb, txn.cardId());
    field(sb, sequence);
    field(sb, txn.id());
    field(sb, micros(txn.postedAt()));
    field(sb, txn.type().name());
    field(sb, txn.amountMinor());
    field(sb, txn.currency());
    field(sb, txn.postedDate());
    Merchant m = txn.merchant() == null ? Merchant.NONE : txn.merchant();
    field(sb, m.name());
    field(sb, m.mcc());
    field(sb, m.country());
    field(sb, m.city());
    field(sb, m.merchantId());
    field(sb, txn.holdId());
    field(sb, txn.originalTxnId());
    field(sb, txn.feeType());
    field(sb, txn.description());
    field(sb, txn.reference());
    field(sb, txn.idempotencyKey());
    field(sb, postings.size());
    for (PostingView p : postings) {
      field(sb, p.account());
      field(sb, p.amountMinor());
      field(sb, p.currency());
    }
    field(sb, previousHash);
    return sha256(sb.toString());
  }

  /** The lowercase hex version-1 hash (entries written before version 2). */
  public static String v1(
      UUID tenantId,
      UUID entryId,
      UUID cardId,
      long sequence,
      UUID txnId,
      Instant postedAt,
      TxnType type,
      long txnAmountMinor,
      List<PostingView> postings,
      String previousHash) {
    StringBuilder sb =
        new StringBuilder(256)
            .append(tenantId)
            .append('|')
            .append(entryId)
            .append('|')
            .append(cardId)
            .append('|')
            .append(sequence)
            .append('|')
            .append(txnId)
            .append('|')
            .append(micros(postedAt))
            .append('|')
            .append(type.name())
            .append('|')
            .append(txnAmountMinor);
    for (PostingView p : postings) {
      sb.append('|')
          .append(p.account())
          .append('=')
          .append(p.amountMinor())
          .append(' ')
          .append(p.currency());
    }
    sb.append('|').append(previousHash);
    return sha256(sb.toString());
  }

  /**
   * Appends a length-prefixed field, so no value can imitate a separator; null and empty are the
   * same.
   */
  private static void field(StringBuilder sb, Object value) {
    String s = value == null ? "" : value.toString();
    sb.append('|').append(s.length()).append(':').append(s);
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
  }

  /** Lowercase hex SHA-256 of a UTF-8 string. */
  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
