package io.meshdesk.ledger.analysis;

import java.util.UUID;

/**
 * A charge the anomaly rules flagged.
 *
 * @param charge the charge
 * @param flag the first rule that matched
 * @param category the charge's category
 * @param explanation one sentence for the cardholder
 * @param relatedId the charge it duplicates; null for other flags
 */
public record FlaggedCharge(
    Charge charge, ChargeFlag flag, String category, String explanation, UUID relatedId) {}
