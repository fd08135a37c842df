package io.meshdesk.ledger.analysis;

import java.time.YearMonth;

/**
 * Spending of one card in one month at one merchant category code, as summed by the store.
 *
 * @param month calendar month of the posting date
 * @param mcc merchant category code; empty if unknown
 * @param amountMinor purchases less refunds, in minor units
 * @param count number of purchases and refunds summed
 */
public record CategoryMonthTotal(YearMonth month, String mcc, long amountMinor, int count) {}
