package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.Amounts;
import com.stepup.gateway.platform.errors.AmountConflict;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * A refusal about how much money can move, as the console says it: the amounts in the payment's
 * currency ("$500.00 is more than can be refunded ($149.00)."), never in minor units. The words are
 * {@code refused.<rule>} (with {@code .pending} when something of the same kind is on its way to
 * Klarna); {0} is what was asked, {1} what could move, {2} what is on its way.
 */
final class MoneyRefusal {

  private MoneyRefusal() {}

  static String key(AmountConflict.Rule rule) {
    return "refused." + rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String say(AmountConflict refused, String currency, Properties words) {
    String key = key(refused.rule());
    String pattern =
        refused.pending() > 0 && words.containsKey(key + ".pending")
            ? words.getProperty(key + ".pending")
            : words.getProperty(key);
    if (pattern == null) {
      return refused.getMessage();
    }
    return new MessageFormat(pattern, Locale.ROOT)
        .format(
            new Object[] {
              Amounts.format(refused.amount(), currency),
              Amounts.format(refused.limit(), currency),
              Amounts.format(refused.pending(), currency)
            });
  }
}
