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

  @org.junit.jupiter.api.Test
  void typedMajorUnitsBecomeExactMinorUnitsInTheCurrencysExponent() {
    assertThat(Amounts.minor("12.50", "USD")).contains(1250L);
    assertThat(Amounts.minor(" 5,000 ", "JPY")).contains(5000L);
    assertThat(Amounts.minor("1.234", "KWD")).contains(1234L);
    assertThat(Amounts.minor("", "USD")).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Amounts.minor("1.5", "JPY"))
        .hasMessage("JPY has no decimals");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Amounts.minor("0.001", "USD"))
        .hasMessage("USD has 2 decimals");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Amounts.minor("-3", "USD"))
        .hasMessageContaining("more than 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Amounts.minor("ten", "USD"))
        .hasMessageContaining("is not an amount");
  }
}
