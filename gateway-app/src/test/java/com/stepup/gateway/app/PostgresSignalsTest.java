package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresSignalsTest {

  static final JdbcUrlDataSource.Settings H2 =
      new JdbcUrlDataSource.Settings("jdbc:h2:mem:signals", "sa", "");

  @Test
  void aSignalReachesTheListenersOfItsTopicFromAnotherInstanceOnly() {
    PostgresSignals signals = new PostgresSignals(H2);
    List<String> heard = new ArrayList<>();
    signals.subscribe("payment-changed", heard::add);
    signals.subscribe("other-topic", m -> heard.add("wrong topic: " + m));

    signals.dispatch("payment-changed|another1|pay_1");
    signals.dispatch("payment-changed|another1|pay_2|with a bar");
    signals.dispatch("nonsense");
    assertThat(heard).containsExactly("pay_1", "pay_2|with a bar");

    // what this instance published comes back from PostgreSQL too, and is not heard twice
    List<String> sent = new ArrayList<>();
    signals.subscribe("mine", sent::add);
    String own = signals.instanceTag();
    signals.dispatch("mine|" + own + "|pay_3");
    assertThat(sent).isEmpty();
  }

  @Test
  void withoutPostgresNothingCrossesInstancesAndPublishingIsANoOp() {
    PostgresSignals signals = new PostgresSignals(H2);
    assertThat(signals.crossInstance()).isFalse();
    assertThat(
            new PostgresSignals(
                    new JdbcUrlDataSource.Settings("jdbc:postgresql://127.0.0.1/x", "u", null))
                .crossInstance())
        .isTrue();
    signals.publish("payment-changed", "pay_1"); // no database to send to: nothing happens
  }
}
