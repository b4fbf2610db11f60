package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTermsTest {

  @Test
  void aWordIsLookedForAnywhereInTheReferenceWithLikeCharactersTakenLiterally() {
    assertThat(SearchTerms.of(" Order-42 ").inside()).isEqualTo("%order-42%");
    assertThat(SearchTerms.of("50%_off!").inside()).isEqualTo("%50!%!_off!!%");
  }

  @Test
  void aBareKlarnaUuidIsRecognised() {
    assertThat(SearchTerms.of("3F2504E0-4F89-41D3-9A0C-0305E82C3301").klarnaUuid())
        .isEqualTo("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    assertThat(SearchTerms.of("order-3f2504e0").klarnaUuid()).isNull();
  }

  @Test
  void anAmountMeansMinorUnitsByEachCurrencysExponent() {
    var amounts = SearchTerms.of("118").amounts();
    assertThat(amounts)
        .extracting(SearchTerms.Amount::minor)
        .containsExactly(118L, 11800L, 118000L);
    assertThat(amounts.get(0).currencies()).contains("JPY").doesNotContain("USD");
    assertThat(amounts.get(1).currencies()).contains("USD", "EUR").doesNotContain("JPY", "KWD");
    assertThat(amounts.get(2).currencies()).contains("KWD");

    assertThat(SearchTerms.of("12,345.67").amounts())
        .extracting(SearchTerms.Amount::minor)
        .containsExactly(1234567L, 12345670L);
    assertThat(SearchTerms.of("1.234").amounts())
        .extracting(SearchTerms.Amount::minor)
        .containsExactly(1234L);
    assertThat(SearchTerms.of("ref-118").amounts()).isEmpty();
    assertThat(SearchTerms.of("1,23").amounts()).isEmpty();
  }

  @Test
  void aNumberTooLargeForAnyAmountIsNoAmountAndNoError() {
    SearchTerms terms = SearchTerms.of("999,999,999,999,999,999,999");
    assertThat(terms.amounts()).isEmpty();
    assertThat(terms.inside()).isEqualTo("%999,999,999,999,999,999,999%");
    assertThat(SearchTerms.of("999999999999.999").amounts())
        .extracting(SearchTerms.Amount::minor)
        .containsExactly(999_999_999_999_999L);
  }
}
