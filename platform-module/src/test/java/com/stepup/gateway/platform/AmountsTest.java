package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmountsTest {

  @Test
  void yenHasNoMinorUnits() {
    assertThat(Amounts.format(5000, "JPY")).isEqualTo("¥5,000");
    assertThat(Amounts.major(5000, "JPY")).isEqualTo("5000");
    assertThat(Amounts.exponent("JPY")).isZero();
  }

  @Test
  void dollarsHaveTwoDecimalsAndGrouping() {
    assertThat(Amounts.format(1234567, "USD")).isEqualTo("$12,345.67");
    assertThat(Amounts.format(5, "USD")).isEqualTo("$0.05");
    assertThat(Amounts.major(1234567, "USD")).isEqualTo("12345.67");
    assertThat(Amounts.format(1050, "EUR")).isEqualTo("€10.50");
  }

  @Test
  void kuwaitiDinarsHaveThreeDecimals() {
    assertThat(Amounts.format(1234, "KWD")).isEqualTo("KWD 1.234");
    assertThat(Amounts.format(12345678, "KWD")).isEqualTo("KWD 12,345.678");
    assertThat(Amounts.major(1234, "KWD")).isEqualTo("1.234");
  }

  @Test
  void aCodeJavaDoesNotKnowStillShowsTheNumber() {
    assertThat(Amounts.format(1234, "ZZZ")).isEqualTo("12.34 ZZZ");
  }
}
