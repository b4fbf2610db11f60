package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.errors.AmountConflict;
import com.stepup.gateway.platform.errors.AmountConflict.Rule;
import org.junit.jupiter.api.Test;

/** A refusal after "Yes" says its amounts in the payment's currency, never in minor units. */
class MoneyRefusalTest {

  private static String say(Rule rule, long amount, long limit, long pending, String currency) {
    return MoneyRefusal.say(
        new AmountConflict("in minor units", rule, amount, limit, pending),
        currency,
        ConsoleTemplates.MESSAGES);
  }

  @Test
  void aRefundOverWhatIsLeftIsSaidInDollars() {
    assertThat(say(Rule.REFUND_OVER, 50_000, 14_900, 0, "USD"))
        .isEqualTo("$500.00 is more than can be refunded ($149.00).");
  }

  @Test
  void eachCurrencyByItsExponentAndWhatIsOnItsWayToo() {
    assertThat(say(Rule.CAPTURE_OVER, 1200, 1000, 200, "JPY"))
        .isEqualTo("¥1,200 is more than can be captured (¥1,000, with ¥200 being captured).");
    assertThat(say(Rule.REFUND_OVER_OF_CAPTURE, 12_500, 10_000, 0, "KWD"))
        .contains("more than can be refunded of this capture")
        .doesNotContain("12500", "10000");
    assertThat(say(Rule.RELEASE_WHILE_CAPTURING, 0, 0, 4_000, "EUR"))
        .isEqualTo("A capture of €40.00 is on its way; release once it is answered.");
    assertThat(say(Rule.REFUND_NOTHING_LEFT, 100, 0, 0, "EUR"))
        .isEqualTo("Nothing is left to refund.");
  }

  @Test
  void everyRuleHasItsWords() {
    for (Rule rule : Rule.values()) {
      assertThat(ConsoleTemplates.MESSAGES.getProperty(MoneyRefusal.key(rule)))
          .as(MoneyRefusal.key(rule))
          .isNotBlank();
      assertThat(say(rule, 12_345, 6_789, 1_111, "USD"))
          .as(rule.name())
          .doesNotContain("12345", "6789", "1111", "{");
    }
  }
}
