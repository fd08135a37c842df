package io.meshdesk.ai.assistant;

import io.meshdesk.api.ledger.v1.Transaction;
import io.meshdesk.api.ledger.v1.TransactionType;
import io.meshdesk.platform.ledger.MerchantCategories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Exact spending arithmetic over ledger transactions, in minor units: spending is purchases minus
 * refunds (refunds are already negative); payments, fees and interest are not spending.
 */
public final class SpendingMath {

  /** A charge that looks unusual, and why. */
  public record Flag(Transaction charge, String reason) {}

  private SpendingMath() {}

  /** Whether {@code t} counts as spending (a purchase or a refund). */
  public static boolean isSpending(Transaction t) {
    return t.getType() == TransactionType.TRANSACTION_TYPE_PURCHASE
        || t.getType() == TransactionType.TRANSACTION_TYPE_REFUND;
  }

  /** The spending transactions of {@code all} matching the optional category and merchant. */
  public static List<Transaction> spending(
      List<Transaction> all, String category, String merchant) {
    String m = merchant == null ? null : merchant.toLowerCase(Locale.ROOT);
    return all.stream()
        .filter(SpendingMath::isSpending)
        .filter(t -> category == null || category.equals(categoryOf(t)))
        .filter(t -> m == null || t.getMerchant().getName().toLowerCase(Locale.ROOT).contains(m))
        .toList();
  }

  /** Net spending of {@code spending} in minor units. */
  public static long total(List<Transaction> spending) {
    return spending.stream().mapToLong(t -> t.getAmount().getAmountMinor()).sum();
  }

  /** Net spending per category, largest first (ties by name). */
  public static Map<String, Long> byCategory(List<Transaction> spending) {
    Map<String, Long> sums = new TreeMap<>();
    for (Transaction t : spending) {
      sums.merge(categoryOf(t), t.getAmount().getAmountMinor(), Long::sum);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    sums.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The category of a transaction's merchant. */
  public static String categoryOf(Transaction t) {
    return MerchantCategories.of(t.getMerchant().getMcc());
  }

  /**
   * Purchases in {@code period} that look unusual against {@code history} (the months before): the
   * same merchant and amount charged twice within two days, a merchant never seen before charging
   * more than twice the usual purchase, or more than three times the usual amount for the category
   * (with at least three earlier purchases in it). "Usual" is the median.
   */
  public static List<Flag> unusual(List<Transaction> period, List<Transaction> history) {
    List<Transaction> purchases =
        period.stream()
            .filter(t -> t.getType() == TransactionType.TRANSACTION_TYPE_PURCHASE)
            .sorted(Comparator.comparingLong(t -> t.getPostedAt().getSeconds()))
            .toList();
    List<Transaction> before =
        history.stream()
            .filter(t -> t.getType() == TransactionType.TRANSACTION_TYPE_PURCHASE)
            .toList();
    Set<String> knownMerchants = new HashSet<>();
    before.forEach(t -> knownMerchants.add(key(t)));
    long usual = median(before.stream().map(t -> t.getAmount().getAmountMinor()).toList());
    List<Flag> flags = new ArrayList<>();
    for (int i = 0; i < purchases.size(); i++) {
      Transaction t = purchases.get(i);
      long amount = t.getAmount().getAmountMinor();
      String reason = duplicateOf(purchases, i);
      if (reason == null && !knownMerchants.contains(key(t)) && usual > 0 && amount > 2 * usual) {
        reason = "new merchant, more than twice your usual purchase";
      }
      if (reason == null) {
        List<Long> sameCategory =
            before.stream()
                .filter(b -> categoryOf(b).equals(categoryOf(t)))
                .map(b -> b.getAmount().getAmountMinor())
                .toList();
        if (sameCategory.size() >= 3 && amount > 3 * median(sameCategory)) {
          reason = "more than three times your usual " + categoryOf(t) + " amount";
        }
      }
      if (reason != null) {
        flags.add(new Flag(t, reason));
      }
    }
    return flags;
  }

  private static String duplicateOf(List<Transaction> sorted, int i) {
    Transaction t = sorted.get(i);
    for (int j = 0; j < i; j++) {
      Transaction o = sorted.get(j);
      Duration apart =
          Duration.between(
              Instant.ofEpochSecond(o.getPostedAt().getSeconds()),
              Instant.ofEpochSecond(t.getPostedAt().getSeconds()));
      if (key(o).equals(key(t))
          && o.getAmount().equals(t.getAmount())
          && apart.compareTo(Duration.ofDays(2)) <= 0) {
        return "possible duplicate of an identical charge";
      }
    }
    return null;
  }

  private static String key(Transaction t) {
    return t.getMerchant().getName().strip().toLowerCase(Locale.ROOT);
  }

  private static long median(List<Long> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
