package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amounts typed as people type them, over a table of locales and currencies (issue 29). */
class AmountParsingTest {

  @ParameterizedTest(name = "{0} {1} typed \"{2}\" is {3} minor units")
  @CsvSource(
      delimiter = '|',
      value = {
        // the bug: a decimal comma must not multiply by 100
        "de-DE | EUR | 40,00      | 4000",
        "en-US | EUR | 40,00      | 4000",
        "de-DE | EUR | 40.00      | 4000",
        "de-DE | EUR | 4,50       | 450",
        "en-GB | EUR | 4,5        | 450",
        "de-DE | EUR | 1.234,56   | 123456",
        "en-US | EUR | 1.234,56   | 123456",
        "de-DE | EUR | 1,234.56   | 123456",
        "en-US | USD | 1,234.56   | 123456",
        "en-US | USD | 1,234,567.89 | 123456789",
        "de-DE | EUR | 1.234.567,89 | 123456789",
        "fr-FR | EUR | 1 234,56   | 123456",
        "fr-FR | EUR | 1\u202f234,56 | 123456",
        "de-CH | CHF | 1'234.50   | 123450",
        "en-US | USD | 12         | 1200",
        "en-US | USD | 12.5       | 1250",
        "en-US | USD | $12.50     | 1250",
        "de-DE | EUR | 40,00 €    | 4000",
        "de-DE | EUR | EUR 40     | 4000",
        // one separator and three digits: the locale decides
        "en-US | USD | 1,234      | 123400",
        "de-DE | EUR | 1.234      | 123400",
        "en-US | KWD | 1.234      | 1234",
        "de-DE | KWD | 1,234      | 1234",
        "de-DE | KWD | 1.234      | 1234000",
        "en-US | JPY | 5,000      | 5000",
        "de-DE | JPY | 5.000      | 5000",
        "ja-JP | JPY | 12,500     | 12500",
        "ja-JP | JPY | ¥12,500    | 12500",
        "nb-NO | NOK | 1 234,50   | 123450",
        "nb-NO | NOK | 99,90      | 9990",
        "en-US | KWD | 12.345     | 12345",
        "ar-KW | KWD | 12.345     | 12345",
      })
  void readsWhatPeopleType(String locale, String currency, String typed, long minor) {
    assertThat(Amounts.parse(typed, currency, Locale.forLanguageTag(locale))).contains(minor);
  }

  @ParameterizedTest(name = "{0} {1} refuses \"{2}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "en-US | EUR | 4,5,0      | ambiguous",
        "de-DE | EUR | 4.5.0      | ambiguous",
        "en-US | USD | 1,23,456.00 | ambiguous",
        "de-DE | EUR | 1.23,4     | ambiguous",
        "en-US | USD | 1.234.5    | ambiguous",
        "en-US | USD | 12.        | ambiguous",
        "en-US | JPY | ¥12.5      | JPY has no decimals",
        "ja-JP | JPY | 40,00      | JPY has no decimals",
        "en-US | USD | 0.001      | USD has 2 decimals",
        "en-US | EUR | 1.500      | EUR has 2 decimals",
        "de-DE | EUR | 1,500      | EUR has 2 decimals",
        "en-US | KWD | 1.2345     | KWD has 3 decimals",
        "en-US | USD | -3         | more than 0",
        "en-US | USD | 0,00       | more than 0",
        "en-US | USD | ten        | is not an amount",
        "en-US | USD | 1e3        | is not an amount",
        "en-US | USD | 99999999999999999999 | too large",
      })
  void refusesWhatCouldBeReadTwoWays(String locale, String currency, String typed, String message) {
    assertThatThrownBy(() -> Amounts.parse(typed, currency, Locale.forLanguageTag(locale)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void blankIsNothingTyped() {
    assertThat(Amounts.parse("  ", "EUR", Locale.GERMANY)).isEmpty();
    assertThat(Amounts.parse(null, "EUR", null)).isEmpty();
  }
}
