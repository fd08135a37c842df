package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.Decline;
import io.meshdesk.ledger.domain.HoldView;
import io.meshdesk.ledger.domain.JournalEntryView;
import io.meshdesk.ledger.domain.TxnView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one transaction of postings writes, collected so it can be written in one statement.
 */
final class WriteSet {

  /** The outcome recorded for an idempotency key. */
  record OpRecord(
      String key,
      boolean accepted,
      Decline decline,
      String detail,
      UUID cardId,
      UUID holdId,
      UUID txnId) {}

  final List<TxnView> txns = new ArrayList<>();
  final List<JournalEntryView> entries = new ArrayList<>();
  final Map<UUID, HoldView> holds = new LinkedHashMap<>();
  final Map<UUID, String> holdKeys = new java.util.HashMap<>();
  final List<OpRecord> ops = new ArrayList<>();

  /**
   * Keys claimed but left unrecorded (unknown card or hold of a single operation): their claims are
   * removed.
   */
  final List<String> released = new ArrayList<>();

  /**
   * Whether an unknown card or hold is recorded as a decline (batches) or leaves nothing (single
   * operations).
   */
  final boolean recordNotFound;

  WriteSet() {
    this(true);
  }

  WriteSet(boolean recordNotFound) {
    this.recordNotFound = recordNotFound;
  }
}
