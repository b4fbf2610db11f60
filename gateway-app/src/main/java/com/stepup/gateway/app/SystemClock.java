package com.stepup.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Time comes from an injected clock, so that domain code and tests agree on what "now" is. */
@ApplicationScoped
class SystemClock {

  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
