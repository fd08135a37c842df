package io.meshdesk.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The hash chain of a card's journal: SHA-256 over an entry's canonical content (ids, sequence,
 * posting time in microseconds, the transaction's type and amount, every leg) and the previous
 * entry's hash. Changing any of them, or removing an entry, breaks the chain.
 */
public final class EntryHash {

  /** Previous hash of a card's first entry. */
  public static final String GENESIS = "0".repeat(64);

  private EntryHash() {}

  /** The lowercase hex hash of an entry. */
  public static String of(UUID tenantId, UUID entryId, UUID cardId, long sequence, UUID txnId, Instant postedAt,
      TxnType type, long txnAmountMinor, List<Views.Posting> postings, String previousHash) {
    StringBuilder sb = new StringBuilder(256)
        .append(tenantId).append('|').append(entryId).append('|').append(cardId).append('|')
        .append(sequence).append('|').append(txnId).append('|')
        .append(postedAt.getEpochSecond() * 1_000_000 + postedAt.getNano() / 1000).append('|')
        .append(type.name()).append('|').append(txnAmountMinor);
    for (Views.Posting p : postings) {
      sb.append('|').append(p.account()).append('=').append(p.amountMinor()).append(' ').append(p.currency());
    }
    sb.append('|').append(previousHash);
    return sha256(sb.toString());
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
