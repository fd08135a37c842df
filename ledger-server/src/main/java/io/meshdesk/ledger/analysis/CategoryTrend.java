package io.meshdesk.ledger.analysis;

/**
 * A category's spending in the last month of a range against the mean of the earlier months.
 *
 * @param category category
 * @param currentMinor spending in the last month
 * @param baselineMinor mean monthly spending in the earlier months, rounded half up
 * @param deltaMinor {@code currentMinor - baselineMinor}
 * @param percentChange delta as a percentage of the baseline, one decimal; null for a zero baseline
 */
public record CategoryTrend(
    String category,
    long currentMinor,
    long baselineMinor,
    long deltaMinor,
    Double percentChange) {}
