package io.meshdesk.ledger.analysis;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A purchase as the anomaly rules see it.
 *
 * @param id transaction id
 * @param merchant merchant name as shown on statements
 * @param mcc merchant category code; empty if unknown
 * @param amountMinor amount in minor units (positive)
 * @param postedAt when it was posted
 */
public record Charge(UUID id, String merchant, String mcc, long amountMinor, Instant postedAt) {

  /** The merchant name compared case-insensitively, spaces trimmed. */
  String merchantKey() {
    return merchant.strip().toLowerCase(Locale.ROOT);
  }
}
