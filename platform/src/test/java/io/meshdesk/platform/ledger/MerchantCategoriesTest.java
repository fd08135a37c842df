package io.meshdesk.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MerchantCategoriesTest {

  @Test
  void mapsMerchantCategoryCodesToCategories() {
    assertThat(MerchantCategories.of("5411")).isEqualTo("groceries");
    assertThat(MerchantCategories.of("5814")).isEqualTo("dining");
    assertThat(MerchantCategories.of("3001")).isEqualTo("travel");
    assertThat(MerchantCategories.of("4511")).isEqualTo("travel");
    assertThat(MerchantCategories.of("5542")).isEqualTo("fuel");
    assertThat(MerchantCategories.of("5815")).isEqualTo("subscriptions");
    assertThat(MerchantCategories.of("7832")).isEqualTo("entertainment");
    assertThat(MerchantCategories.of("4900")).isEqualTo("utilities");
    assertThat(MerchantCategories.of("5912")).isEqualTo("health");
    assertThat(MerchantCategories.of("6011")).isEqualTo("cash");
    assertThat(MerchantCategories.of("5651")).isEqualTo("shopping");
    assertThat(MerchantCategories.of("4111")).isEqualTo("transport");
    assertThat(MerchantCategories.of("9399")).isEqualTo("other");
  }

  @Test
  void aStreamingServiceChargeIsASubscription() {
    // 4899: cable, satellite and streaming services such as the demo's STREAMFLIX
    assertThat(MerchantCategories.of("4899")).isEqualTo("subscriptions");
  }

  @Test
  void anEmptyOrMalformedCodeIsOther() {
    assertThat(MerchantCategories.of("")).isEqualTo(MerchantCategories.OTHER);
    assertThat(MerchantCategories.of(null)).isEqualTo(MerchantCategories.OTHER);
    assertThat(MerchantCategories.of("54x1")).isEqualTo(MerchantCategories.OTHER);
    assertThat(MerchantCategories.of("54111")).isEqualTo(MerchantCategories.OTHER);
  }

  @Test
  void everyCategoryACodeMapsToIsListedWithOtherLast() {
    for (int code = 0; code <= 9999; code++) {
      assertThat(MerchantCategories.ALL).contains(MerchantCategories.of("%04d".formatted(code)));
    }
    assertThat(MerchantCategories.ALL).doesNotHaveDuplicates().last().isEqualTo("other");
    assertThat(MerchantCategories.ALL).contains("subscriptions", "cash");
  }

  @Test
  void namesACategoryIgnoringCaseAndBlanksAndRefusesUnknownNames() {
    assertThat(MerchantCategories.named(" Subscriptions ")).isEqualTo("subscriptions");
    assertThat(MerchantCategories.named("CASH")).isEqualTo("cash");
    assertThat(MerchantCategories.named("pets")).isNull();
    assertThat(MerchantCategories.named(null)).isNull();
  }
}
