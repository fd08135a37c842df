package io.meshdesk.ledger.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnomalyRulesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final List<Charge> charges = new ArrayList<>();

  private Charge charge(String merchant, String mcc, long amount, Duration after) {
    Charge c = new Charge(UUID.randomUUID(), merchant, mcc, amount, T0.plus(after));
    charges.add(c);
    return c;
  }

  /** Five ordinary grocery charges of 40.00-60.00 over five days. */
  private void groceryHistory() {
    long[] amounts = {4_000, 5_000, 6_000, 5_000, 4_500};
    for (int i = 0; i < amounts.length; i++) {
      charge("Corner Market", "5411", amounts[i], Duration.ofDays(i));
    }
  }

  @Test
  void flagsTheSecondOfTwoIdenticalChargesMinutesApartAsADuplicate() {
    Charge first = charge("STREAMFLIX", "4899", 4_999, Duration.ZERO);
    Charge second = charge("streamflix ", "4899", 4_999, Duration.ofMinutes(3));

    List<FlaggedCharge> flagged = AnomalyRules.flag(charges, T0);

    assertThat(flagged)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.charge()).isEqualTo(second);
              assertThat(f.flag()).isEqualTo(ChargeFlag.DUPLICATE);
              assertThat(f.relatedId()).isEqualTo(first.id());
              assertThat(f.category()).isEqualTo("subscriptions");
              assertThat(f.explanation()).contains("3 minutes");
            });
  }

  @Test
  void sameMerchantAndAmountOutsideTheWindowOrWithAnotherAmountIsNoDuplicate() {
    charge("Coffee Bar", "5814", 350, Duration.ZERO);
    charge("Coffee Bar", "5814", 350, Duration.ofMinutes(11));
    charge("Coffee Bar", "5814", 351, Duration.ofMinutes(12));

    assertThat(AnomalyRules.flag(charges, T0)).isEmpty();
  }

  @Test
  void flagsALargeFirstChargeAtANewMerchant() {
    groceryHistory();
    Charge big = charge("Gadget World", "9399", 15_000, Duration.ofDays(6));

    assertThat(AnomalyRules.flag(charges, T0))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.charge()).isEqualTo(big);
              assertThat(f.flag()).isEqualTo(ChargeFlag.NEW_MERCHANT_LARGE_AMOUNT);
              assertThat(f.explanation()).contains("3.0 times");
              assertThat(f.relatedId()).isNull();
            });
  }

  @Test
  void aNewMerchantBelowThreeTimesTheMedianOrWithoutEnoughHistoryIsNotFlagged() {
    groceryHistory();
    charge("Book Shop", "5942", 14_999, Duration.ofDays(6));
    assertThat(AnomalyRules.flag(charges, T0)).isEmpty();

    charges.clear();
    charge("Corner Market", "5411", 4_000, Duration.ZERO);
    charge("Gadget World", "9399", 90_000, Duration.ofDays(1));
    assertThat(AnomalyRules.flag(charges, T0)).isEmpty();
  }

  @Test
  void flagsAnAmountFarAboveTheUsualOneForTheCategory() {
    groceryHistory();
    // mean 49.00, population deviation 6.63: the limit is 68.90
    Charge high = charge("Corner Market", "5411", 7_200, Duration.ofDays(6));

    assertThat(AnomalyRules.flag(charges, T0))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.charge()).isEqualTo(high);
              assertThat(f.flag()).isEqualTo(ChargeFlag.UNUSUAL_AMOUNT);
              assertThat(f.explanation()).isEqualTo("1.5 times your average groceries charge.");
            });
  }

  @Test
  void anAmountJustInsideThreeDeviationsIsNotFlagged() {
    groceryHistory();
    charge("Corner Market", "5411", 6_800, Duration.ofDays(6));

    assertThat(AnomalyRules.flag(charges, T0)).isEmpty();
  }

  @Test
  void identicalHistoryStillToleratesSmallRises() {
    for (int i = 0; i < 5; i++) {
      charge("Gym", "7997", 3_000, Duration.ofDays(30L * i));
    }
    charge("Gym", "7997", 3_500, Duration.ofDays(150));
    Charge doubled = charge("Gym", "7997", 4_500, Duration.ofDays(180));

    assertThat(AnomalyRules.flag(charges, T0))
        .extracting(FlaggedCharge::charge)
        .containsExactly(doubled);
  }

  @Test
  void judgesOnlyChargesSinceTheStartOfTheWindowAndListsThemNewestFirst() {
    charge("STREAMFLIX", "4899", 4_999, Duration.ZERO);
    charge("STREAMFLIX", "4899", 4_999, Duration.ofMinutes(1));
    charge("Taxi", "4121", 2_000, Duration.ofDays(2));
    Charge dup2 = charge("Taxi", "4121", 2_000, Duration.ofDays(2).plusMinutes(5));
    Charge dup3 = charge("Taxi", "4121", 2_000, Duration.ofDays(2).plusMinutes(9));

    assertThat(AnomalyRules.flag(charges, T0.plus(Duration.ofDays(1))))
        .extracting(FlaggedCharge::charge)
        .containsExactly(dup3, dup2);
  }
}
