package com.stepup.gateway.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonOnlyFilterTest {

  @Test
  void jsonAndItsSuffixedTypesPassWithParameters() {
    assertThat(JsonOnlyFilter.isJson("application/json")).isTrue();
    assertThat(JsonOnlyFilter.isJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(JsonOnlyFilter.isJson("application/merge-patch+json")).isTrue();
  }

  @Test
  void whatABrowserFormCanSendDoesNot() {
    assertThat(JsonOnlyFilter.isJson("text/plain")).isFalse();
    assertThat(JsonOnlyFilter.isJson("application/x-www-form-urlencoded")).isFalse();
    assertThat(JsonOnlyFilter.isJson("multipart/form-data; boundary=x")).isFalse();
    assertThat(JsonOnlyFilter.isJson("text/json")).isFalse();
    assertThat(JsonOnlyFilter.isJson("*/*")).isFalse();
  }
}
