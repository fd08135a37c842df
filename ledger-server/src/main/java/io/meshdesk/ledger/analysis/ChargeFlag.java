package io.meshdesk.ledger.analysis;

/** The rule that flagged a charge as unusual, in the order the rules are tried. */
public enum ChargeFlag {
  /** Same merchant and amount as a charge shortly before. */
  DUPLICATE,
  /** First charge at the merchant, and large for this card. */
  NEW_MERCHANT_LARGE_AMOUNT,
  /** Far above the cardholder's usual amount for the category. */
  UNUSUAL_AMOUNT
}
