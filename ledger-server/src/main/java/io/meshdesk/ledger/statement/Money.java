package io.meshdesk.ledger.statement;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money: signed {@code long} minor units (cents for USD) and an ISO-4217 currency.
 * Never floating point. Arithmetic fails on overflow and on mixed currencies.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

  /** Validates the currency. */
  public Money {
    Objects.requireNonNull(currency, "currency");
  }

  /** An amount in minor units of the currency with the given ISO-4217 code. */
  public static Money ofMinor(long minorUnits, String currencyCode) {
    return new Money(minorUnits, Currency.getInstance(currencyCode));
  }

  /**
   * Parses a major-unit decimal such as {@code "1386.91"}; more decimals than the currency has
   * fail.
   */
  public static Money parse(String amount, Currency currency) {
    BigDecimal minor = new BigDecimal(amount).movePointRight(fractionDigits(currency));
    return new Money(minor.longValueExact(), currency);
  }

  /** Zero in the currency. */
  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  /** Number of minor-unit digits of the currency (0 for currencies without minor units). */
  public static int fractionDigits(Currency currency) {
    return Math.max(0, currency.getDefaultFractionDigits());
  }

  /** This amount plus {@code other}. */
  public Money plus(Money other) {
    return new Money(Math.addExact(minorUnits, requireSameCurrency(other).minorUnits), currency);
  }

  /** This amount minus {@code other}. */
  public Money minus(Money other) {
    return new Money(
        Math.subtractExact(minorUnits, requireSameCurrency(other).minorUnits), currency);
  }

  /** The same amount with the opposite sign. */
  public Money negate() {
    return new Money(Math.negateExact(minorUnits), currency);
  }

  /** The smaller of this and {@code other}. */
  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /** The larger of this and {@code other}. */
  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** True when strictly above zero. */
  public boolean isPositive() {
    return minorUnits > 0;
  }

  /** True when strictly below zero. */
  public boolean isNegative() {
    return minorUnits < 0;
  }

  /** True when zero. */
  public boolean isZero() {
    return minorUnits == 0;
  }

  /** The amount in major units, e.g. {@code 1386.91}, for display. */
  public BigDecimal toMajor() {
    return BigDecimal.valueOf(minorUnits, fractionDigits(currency));
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(minorUnits, requireSameCurrency(other).minorUnits);
  }

  @Override
  public String toString() {
    return currency.getCurrencyCode() + " " + toMajor().toPlainString();
  }

  private Money requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "currency mismatch: "
              + currency.getCurrencyCode()
              + " vs "
              + other.currency.getCurrencyCode());
    }
    return other;
  }
}
