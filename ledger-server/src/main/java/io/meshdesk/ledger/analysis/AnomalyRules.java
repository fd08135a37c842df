package io.meshdesk.ledger.analysis;

import io.meshdesk.platform.ledger.MerchantCategories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Flags unusual charges of one card. Each charge posted at or after {@code since} is compared with
 * the card's earlier charges and flagged by the first rule that matches:
 *
 * <ol>
 *   <li>duplicate: an earlier charge at the same merchant (name compared case-insensitively) of the
 *       same amount at most {@link #DUPLICATE_WINDOW} before it;
 *   <li>new merchant, large amount: no earlier charge at the merchant, at least {@link
 *       #MIN_HISTORY} earlier charges, and an amount at least {@link #LARGE_FACTOR} times their
 *       median;
 *   <li>unusual amount: at least {@link #MIN_HISTORY} earlier charges in the same category, and an
 *       amount above their mean plus {@link #K} standard deviations (population), the deviation
 *       counting as at least a tenth of the mean so that a run of identical amounts does not flag
 *       every small rise.
 * </ol>
 *
 * Refunded charges are expected to be left out by the caller.
 */
public final class AnomalyRules {

  /** Longest gap between a charge and the one it duplicates. */
  public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);

  /** Earlier charges needed before the amount rules judge a charge. */
  public static final int MIN_HISTORY = 5;

  /** A new merchant's charge is large at this multiple of the card's median charge. */
  public static final double LARGE_FACTOR = 3.0;

  /** Standard deviations above the category mean that make an amount unusual. */
  public static final double K = 3.0;

  private AnomalyRules() {}

  /** Flagged charges among {@code charges} posted at or after {@code since}, newest first. */
  public static List<FlaggedCharge> flag(List<Charge> charges, Instant since) {
    List<Charge> sorted =
        charges.stream()
            .sorted(Comparator.comparing(Charge::postedAt).thenComparing(Charge::id))
            .toList();
    List<FlaggedCharge> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Charge c = sorted.get(i);
      if (!c.postedAt().isBefore(since)) {
        FlaggedCharge f = judge(c, sorted.subList(0, i));
        if (f != null) {
          out.add(f);
        }
      }
    }
    return out.reversed();
  }

  private static FlaggedCharge judge(Charge c, List<Charge> earlier) {
    String category = MerchantCategories.of(c.mcc());
    for (Charge p : earlier.reversed()) {
      if (Duration.between(p.postedAt(), c.postedAt()).compareTo(DUPLICATE_WINDOW) > 0) {
        break;
      }
      if (p.amountMinor() == c.amountMinor() && p.merchantKey().equals(c.merchantKey())) {
        long minutes = Duration.between(p.postedAt(), c.postedAt()).toMinutes();
        return new FlaggedCharge(
            c,
            ChargeFlag.DUPLICATE,
            category,
            "Same merchant and amount as a charge " + minutes + " minutes earlier.",
            p.id());
      }
    }
    boolean known = earlier.stream().anyMatch(p -> p.merchantKey().equals(c.merchantKey()));
    if (!known && earlier.size() >= MIN_HISTORY) {
      double median = median(earlier.stream().mapToLong(Charge::amountMinor).sorted().toArray());
      if (c.amountMinor() >= LARGE_FACTOR * median) {
        return new FlaggedCharge(
            c,
            ChargeFlag.NEW_MERCHANT_LARGE_AMOUNT,
            category,
            String.format(
                Locale.ROOT,
                "First charge at this merchant, %.1f times your usual charge.",
                c.amountMinor() / median),
            null);
      }
    }
    long[] same =
        earlier.stream()
            .filter(p -> MerchantCategories.of(p.mcc()).equals(category))
            .mapToLong(Charge::amountMinor)
            .toArray();
    if (same.length >= MIN_HISTORY) {
      double mean = Arrays.stream(same).average().orElse(0);
      double variance =
          Arrays.stream(same).mapToDouble(a -> (a - mean) * (a - mean)).sum() / same.length;
      double deviation = Math.max(Math.sqrt(variance), mean / 10);
      if (c.amountMinor() > mean + K * deviation) {
        return new FlaggedCharge(
            c,
            ChargeFlag.UNUSUAL_AMOUNT,
            category,
            String.format(
                Locale.ROOT,
                "%.1f times your average %s charge.",
                c.amountMinor() / mean,
                category),
            null);
      }
    }
    return null;
  }

  private static double median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
