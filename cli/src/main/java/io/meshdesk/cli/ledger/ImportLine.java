package io.meshdesk.cli.ledger;

import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.CashAdvanceRequest;
import io.meshdesk.api.ledger.v1.FeeType;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PostFeeRequest;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.cli.common.Amounts;
import java.util.regex.Pattern;

/**
 * One data line of a postings CSV ({@code card_id,type,amount,currency,description}) as a batch
 * operation, or the reason it cannot be one. The idempotency key is the file's identity plus the
 * line number, so importing the same file again never posts a line twice.
 *
 * @param number line number in the file, from 1 (the header is line 1)
 * @param operation the operation, or null when the line is invalid
 * @param error why the line is invalid, or null
 */
record ImportLine(int number, BatchOperation operation, String error) {

  /** The columns of the header line. */
  static final String HEADER = "card_id,type,amount,currency,description";

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** Parses line {@code number} of the file whose identity is {@code fileId}. */
  static ImportLine parse(String fileId, int number, String text) {
    String[] f = fields(text);
    if (f == null) {
      return invalid(number, "unterminated quote");
    }
    if (f.length < 3 || f.length > 5) {
      return invalid(number, "expected " + HEADER + ", got " + f.length + " fields");
    }
    String card = f[0].strip();
    if (!UUID.matcher(card).matches()) {
      return invalid(number, "card_id must be a card id (UUID), got '" + card + "'");
    }
    String currency = f.length > 3 && !f[3].isBlank() ? f[3].strip() : "USD";
    String description = f.length > 4 ? f[4].strip() : "";
    var money = (io.meshdesk.api.common.v1.Money) null;
    try {
      money = Amounts.money("amount", f[2], currency);
    } catch (IllegalArgumentException e) {
      return invalid(number, e.getMessage().replace("--currency", "currency"));
    }
    if (money.getAmountMinor() <= 0) {
      return invalid(number, "amount must be positive, got '" + f[2].strip() + "'");
    }
    String key = "import-" + fileId + "-" + number;
    Merchant merchant =
        Merchant.newBuilder().setName(description.isEmpty() ? "import" : description).build();
    BatchOperation.Builder op = BatchOperation.newBuilder();
    switch (f[1].strip().toLowerCase(java.util.Locale.ROOT)) {
      case "purchase" ->
          op.setPurchase(
              PurchaseRequest.newBuilder()
                  .setCardId(card)
                  .setAmount(money)
                  .setMerchant(merchant)
                  .setIdempotencyKey(key));
      case "cash_advance", "cash-advance" ->
          op.setCashAdvance(
              CashAdvanceRequest.newBuilder()
                  .setCardId(card)
                  .setAmount(money)
                  .setMerchant(merchant)
                  .setIdempotencyKey(key));
      case "payment" ->
          op.setPayment(
              PaymentRequest.newBuilder()
                  .setCardId(card)
                  .setAmount(money)
                  .setReference(description)
                  .setIdempotencyKey(key));
      case "fee" ->
          op.setPostFee(
              PostFeeRequest.newBuilder()
                  .setCardId(card)
                  .setAmount(money)
                  .setFeeType(FeeType.FEE_TYPE_OTHER)
                  .setDescription(description)
                  .setIdempotencyKey(key));
      default -> {
        return invalid(
            number,
            "type must be purchase, cash_advance, payment or fee, got '" + f[1].strip() + "'");
      }
    }
    return new ImportLine(number, op.build(), null);
  }

  /** The comma-separated fields of a CSV line ("" quotes a quote), or null if a quote is open. */
  static String[] fields(String line) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cur.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return quoted ? null : out.toArray(String[]::new);
  }

  private static ImportLine invalid(int number, String error) {
    return new ImportLine(number, null, error);
  }
}
