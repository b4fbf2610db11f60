package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.platform.Amounts;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A user's own locale wins over the browser's, and decides how an ambiguous amount is read. */
class ConsoleLocalesTest {

  @Test
  void theUsersChoiceWinsThenTheBrowserThenEnglish() {
    Locale german = Locale.forLanguageTag("de-DE");
    assertThat(ConsoleLocales.effective(Optional.of(german), Locale.US)).isEqualTo(german);
    assertThat(ConsoleLocales.effective(Optional.empty(), Locale.FRANCE)).isEqualTo(Locale.FRANCE);
    assertThat(ConsoleLocales.effective(Optional.empty(), null)).isEqualTo(Locale.US);
  }

  @Test
  void onlyAnOfferedTagIsKept() {
    assertThat(ConsoleLocales.offered(" de-DE ")).contains(Locale.forLanguageTag("de-DE"));
    assertThat(ConsoleLocales.offered("xx-YY")).isEmpty();
    assertThat(ConsoleLocales.offered("de_DE")).isEmpty();
    assertThat(ConsoleLocales.offered("")).isEmpty();
    assertThat(ConsoleLocales.offered(null)).isEmpty();
  }

  @Test
  void theChosenLocaleDecidesWhatAnAmbiguousAmountMeans() {
    Locale german = ConsoleLocales.effective(ConsoleLocales.offered("de-DE"), Locale.US);
    Locale browser = ConsoleLocales.effective(Optional.empty(), Locale.US);
    assertThat(Amounts.parse("1.234", "EUR", german)).contains(123_400L);
    assertThatThrownBy(() -> Amounts.parse("1.234", "EUR", browser))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Amounts.parse("1,234", "EUR", browser)).contains(123_400L);
  }

  @Test
  void eachOptionShowsHowItWritesNumbers() {
    assertThat(PreferencesController.options())
        .anySatisfy(
            o -> assertThat(o).containsEntry("tag", "de-DE").containsEntry("sample", "1.234,56"))
        .anySatisfy(
            o -> assertThat(o).containsEntry("tag", "en-US").containsEntry("sample", "1,234.56"));
  }
}
