package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  static final String BODY =
      "{\"amount\":11800,\"currency\":\"USD\",\"customer\":{\"given_name\":\"Ada\",\"email\":\"a@b.c\"},"
          + "\"line_items\":[{\"name\":\"Shoe\",\"quantity\":1}]}";

  @Test
  void reorderedKeysWhitespaceAndATrailingNewlineAreTheSameRequest() {
    String reordered =
        "{\n  \"line_items\": [ { \"quantity\": 1, \"name\": \"Shoe\" } ],\n"
            + "  \"customer\": {\"email\": \"a@b.c\", \"given_name\": \"Ada\"},\n"
            + "  \"currency\": \"USD\", \"amount\": 11800\n}\n";
    assertThat(CanonicalJson.of(reordered)).isEqualTo(CanonicalJson.of(BODY));
    assertThat(CanonicalJson.of("{\"s\":\"\\u0041\\/\"}"))
        .isEqualTo(CanonicalJson.of("{\"s\":\"A/\"}"));
  }

  @Test
  void anyDifferenceInAValueIsAnotherRequest() {
    assertThat(CanonicalJson.of(BODY.replace("11800", "11801")))
        .isNotEqualTo(CanonicalJson.of(BODY));
    assertThat(CanonicalJson.of(BODY.replace("\"Shoe\"", "\"shoe\"")))
        .isNotEqualTo(CanonicalJson.of(BODY));
    // the order of a list is meaning, not layout
    assertThat(CanonicalJson.of("{\"a\":[1,2]}")).isNotEqualTo(CanonicalJson.of("{\"a\":[2,1]}"));
    assertThat(CanonicalJson.of("{\"a\":1}")).isNotEqualTo(CanonicalJson.of("{\"a\":\"1\"}"));
    assertThat(CanonicalJson.of("{\"a\":null}")).isNotEqualTo(CanonicalJson.of("{}"));
  }

  @Test
  void whatIsNotJsonIsComparedAsItIs() {
    assertThat(CanonicalJson.of("")).isEmpty();
    assertThat(CanonicalJson.of(null)).isEmpty();
    assertThat(CanonicalJson.of("{\"a\":")).isEqualTo("{\"a\":");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThat(CanonicalJson.of(deep)).isEqualTo(deep);
  }
}
