package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorPageTest {

  @Test
  void shoppersAndDisplaysGetTheirOwnPagesWithNoWayIntoTheConsole() {
    assertThat(ErrorPage.Audience.of("pay/pay_x")).isEqualTo(ErrorPage.Audience.SHOPPER);
    assertThat(ErrorPage.Audience.of("/return/pay_x")).isEqualTo(ErrorPage.Audience.SHOPPER);
    assertThat(ErrorPage.Audience.of("display/abc/state")).isEqualTo(ErrorPage.Audience.DISPLAY);
    assertThat(ErrorPage.Audience.of("console/payments/x")).isEqualTo(ErrorPage.Audience.STAFF);
    assertThat(ErrorPage.Audience.of("payments")).isEqualTo(ErrorPage.Audience.STAFF);

    String shopper = ErrorPage.render(404, "Not Found", ErrorPage.Audience.SHOPPER);
    assertThat(shopper)
        .contains("name=\"viewport\"", "This payment link does not work", "shopper.css")
        .doesNotContain("/console");
    assertThat(ErrorPage.render(500, "<script>", ErrorPage.Audience.SHOPPER))
        .contains("Nothing was charged")
        .doesNotContain("<script>");
    assertThat(ErrorPage.render(404, "x", ErrorPage.Audience.DISPLAY))
        .contains("This screen was disconnected", "pair it again")
        .doesNotContain("/console");
    assertThat(ErrorPage.render(404, "a <b>", ErrorPage.Audience.STAFF))
        .contains("Back to the console", "a &lt;b&gt;", "name=\"viewport\"");
  }
}
