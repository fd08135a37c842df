package io.meshdesk.ledger.domain;

/**
 * Kind of posted transaction, with the sign it gives the card's receivable and the tenant-level
 * account that takes the other leg of its journal entry.
 */
public enum TxnType {
  /** A purchase (direct or captured); owed by the cardholder, owed to merchants. */
  PURCHASE(1, "merchant_clearing"),
  /** A cash advance; owed by the cardholder, paid out through cash clearing. */
  CASH_ADVANCE(1, "cash_clearing"),
  /** A fee; income of the issuer. */
  FEE(1, "fee_income"),
  /** Interest charged at statement close; income of the issuer. */
  INTEREST(1, "interest_income"),
  /** A merchant refund; reduces what the cardholder owes. */
  REFUND(-1, "merchant_clearing"),
  /** A payment from the cardholder; reduces what they owe. */
  PAYMENT(-1, "payments_clearing"),
  /** Reversal of a fee (a waiver); mirrors the fee's entry. */
  FEE_REVERSAL(-1, "fee_income"),
  /** Reversal of interest (a correction); mirrors the interest's entry. */
  INTEREST_REVERSAL(-1, "interest_income"),
  /** Reversal of a payment (returned unpaid); mirrors the payment's entry. */
  PAYMENT_REVERSAL(1, "payments_clearing");

  private final int sign;
  private final String contraAccount;

  TxnType(int sign, String contraAccount) {
    this.sign = sign;
    this.contraAccount = contraAccount;
  }

  /** +1 when the transaction increases the balance, -1 when it decreases it. */
  public int sign() {
    return sign;
  }

  /** The tenant-level account of the entry's other leg. */
  public String contraAccount() {
    return contraAccount;
  }

  /** True for the reversal types. */
  public boolean isReversal() {
    return this == FEE_REVERSAL || this == INTEREST_REVERSAL || this == PAYMENT_REVERSAL;
  }

  /**
   * The type that reverses this one, or null when it is not reversible (purchases are refunded
   * instead).
   */
  public TxnType reversal() {
    return switch (this) {
      case FEE -> FEE_REVERSAL;
      case INTEREST -> INTEREST_REVERSAL;
      case PAYMENT -> PAYMENT_REVERSAL;
      default -> null;
    };
  }

  /** The card's receivable account name. */
  public static String receivable(java.util.UUID cardId) {
    return "card:" + cardId + ":receivable";
  }
}
