package io.meshdesk.ledger.grpc;

import java.util.UUID;

/**
 * Told about each newly accepted posting that draws on credit (purchase, cash advance, capture)
 * after it committed (utilisation reminders).
 */
@FunctionalInterface
public interface PostingListener {

  /**
   * Credit was drawn on a card (never called for an idempotent replay or a decline).
   *
   * @param exposureMinor posted balance plus open holds after the posting
   * @param limitMinor the card's credit limit
   */
  void creditUsed(UUID tenantId, UUID cardId, long exposureMinor, long limitMinor, String currency);

  /** Ignores postings. */
  PostingListener NONE = (tenant, card, exposure, limit, currency) -> {};
}
