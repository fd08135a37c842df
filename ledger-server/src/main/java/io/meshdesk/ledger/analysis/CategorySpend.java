package io.meshdesk.ledger.analysis;

/**
 * Spending in one category in one month.
 *
 * @param category category (see {@link io.meshdesk.platform.ledger.MerchantCategories})
 * @param amountMinor purchases less refunds, in minor units
 * @param count number of purchases and refunds
 */
public record CategorySpend(String category, long amountMinor, int count) {}
