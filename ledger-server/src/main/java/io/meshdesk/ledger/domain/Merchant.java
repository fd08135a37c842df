package io.meshdesk.ledger.domain;

/**
 * Where a card was used; empty strings for unknown parts.
 *
 * @param name name shown on statements
 * @param mcc ISO-18245 category code
 * @param country ISO-3166-1 alpha-2 country
 * @param city city
 * @param merchantId acquirer's merchant id
 */
public record Merchant(String name, String mcc, String country, String city, String merchantId) {

  /** No merchant (payments, fees, interest). */
  public static final Merchant NONE = new Merchant("", "", "", "", "");

  /** Replaces nulls with empty strings. */
  public Merchant {
    name = name == null ? "" : name;
    mcc = mcc == null ? "" : mcc;
    country = country == null ? "" : country;
    city = city == null ? "" : city;
    merchantId = merchantId == null ? "" : merchantId;
  }

  /** True when no part is known. */
  public boolean isEmpty() {
    return name.isEmpty()
        && mcc.isEmpty()
        && country.isEmpty()
        && city.isEmpty()
        && merchantId.isEmpty();
  }
}
