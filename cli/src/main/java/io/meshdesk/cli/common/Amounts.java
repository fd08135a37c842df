package io.meshdesk.cli.common;

import io.meshdesk.api.common.v1.Money;
import java.math.BigDecimal;
import java.util.Currency;

/** Reads the decimal amounts people type ({@code 12.50}) into money in minor units. */
public final class Amounts {

  private Amounts() {}

  /**
   * {@code amount} in {@code currency} as money; fails with a one-line message naming {@code
   * option} when it is not a decimal number with at most the currency's decimals.
   */
  public static Money money(String option, String amount, String currency) {
    int digits;
    try {
      digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "--currency must be an ISO-4217 code, got '" + currency + "'");
    }
    try {
      BigDecimal value = new BigDecimal(amount.strip());
      if (value.scale() > digits) {
        throw new NumberFormatException();
      }
      long minor = value.movePointRight(digits).longValueExact();
      return Money.newBuilder().setAmountMinor(minor).setCurrency(currency).build();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          option + " must be an amount with at most " + digits + " decimals, got '" + amount + "'");
    }
  }
}
