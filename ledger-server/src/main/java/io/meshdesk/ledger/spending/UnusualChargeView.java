package io.meshdesk.ledger.spending;

import io.meshdesk.ledger.analysis.FlaggedCharge;
import io.meshdesk.ledger.domain.TxnView;

/**
 * A flagged charge with its full transaction.
 *
 * @param txn the posted transaction
 * @param flag why it was flagged
 */
public record UnusualChargeView(TxnView txn, FlaggedCharge flag) {}
