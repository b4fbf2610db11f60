package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonInputTest {

  static List<String> fields(JsonInput in) {
    return in.errors().stream().map(FieldError::field).toList();
  }

  @Test
  void everyWrongFieldIsNamedOnce() {
    JsonInput in =
        JsonInput.parse(
            "{\"name\": 5, \"size\": 1.5, \"flag\": \"yes\", \"tags\": [\"a\", 2],"
                + " \"address\": {\"country\": \"USA\"}, \"blank\": \"  \"}");
    in.requiredText("name", 10);
    in.integer("size");
    in.bool("flag");
    in.texts("tags", 5, 10);
    in.object("address").orElseThrow().text("country", 2);
    in.requiredText("blank", 10);
    in.requiredText("missing", 10);
    assertThat(fields(in))
        .containsExactly("name", "size", "flag", "tags[1]", "address.country", "blank", "missing");
    in.rejectAll(List.of(new FieldError("name", "again"), new FieldError("other", "x")));
    assertThat(fields(in)).endsWith("other").filteredOn("name"::equals).hasSize(1);
    assertThatThrownBy(in::check)
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(400);
              assertThat(p.toJson().getJsonArray("errors")).hasSize(8);
            });
  }

  @Test
  void goodValuesAreTrimmedAndTyped() {
    JsonInput in =
        JsonInput.parse("{\"name\": \" Shoes \", \"amount\": 11800, \"on\": true, \"n\": null}");
    assertThat(in.requiredText("name", 5)).isEqualTo("Shoes");
    assertThat(in.integer("amount")).contains(11800L);
    assertThat(in.bool("on")).contains(true);
    assertThat(in.has("n")).isFalse();
    in.check();
  }

  @Test
  void aBodyThatIsNotAnObjectIsOneClearError() {
    for (String body : new String[] {"", "[1]", "{\"a\":", "42"}) {
      assertThatThrownBy(() -> JsonInput.parse(body))
          .as(body)
          .isInstanceOfSatisfying(
              ApiProblem.class,
              p -> assertThat(p.errors()).extracting(FieldError::field).containsExactly("body"));
    }
    assertThatThrownBy(() -> JsonInput.parse("\"" + "x".repeat(JsonInput.MAX_BODY_CHARS) + "\""))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(413));
  }

  static String refusal(String body) {
    try {
      JsonInput.parse(body);
      return "accepted";
    } catch (ApiProblem p) {
      return p.status() + " " + p.errors().get(0).message();
    }
  }

  @Test
  void hostileJsonIsA400NeverA500() {
    assertThat(refusal("[".repeat(5000) + "]".repeat(5000))).startsWith("400 is nested deeper");
    assertThat(refusal("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")).startsWith("400");
    assertThat(refusal("{\"amount\":1" + "0".repeat(1200) + "}")).startsWith("400 has a number");
    assertThat(refusal("{\"a\":1,\"a\":2}")).startsWith("400 has the key \"a\" twice");
    assertThat(refusal("{\"a\":1} trailing")).startsWith("400");
    assertThat(refusal("{\"a\":1}{\"b\":2}")).startsWith("400");
    assertThat(refusal("[1]")).isEqualTo("400 must be a JSON object");
    assertThat(
            refusal(
                "{\"text\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \\\" 1111111111111111111111111111111111111111111\"}"))
        .as("what is inside a string does not count")
        .isEqualTo("accepted");
    assertThat(refusal("{\"a\":{\"b\":[1,2,{\"c\":-1.5e3}]}} \n")).isEqualTo("accepted");
  }

  @Test
  void offsetsNeverOverflow() {
    assertThat(ListPage.offset(Integer.MAX_VALUE, 100)).isEqualTo(Integer.MAX_VALUE);
    assertThat(ListPage.offset(3, 20)).isEqualTo(60);
    assertThatThrownBy(() -> ListPage.request(Integer.MAX_VALUE, 20))
        .isInstanceOf(ApiProblem.class);
  }

  @Test
  void unknownFieldsAreNamedWhenTheReaderAsks() {
    JsonInput in =
        JsonInput.parse("{\"name\": \"a\", \"nmae\": \"b\", \"inner\": {\"x\": 1, \"y\": 2}}");
    in.rejectUnknown(java.util.Set.of("name", "inner"));
    in.object("inner").orElseThrow().rejectUnknown(java.util.Set.of("x"));
    assertThat(fields(in)).containsExactly("nmae", "inner.y");
  }

  @Test
  void aFieldNoReaderAskedForIsRefusedByNameAtCheck() {
    // issue 28: "capture_mod" (a typo of capture_mode) was taken silently and the payment
    // captured manually; every body is now strict, whether its reader lists its fields or not
    JsonInput in =
        JsonInput.parse(
            "{\"amount\": 1, \"capture_mod\": \"automatic\", \"gone\": null,"
                + " \"inner\": {\"x\": \"a\", \"y\": 2}, \"lines\": [{\"a\": \"b\", \"b\": 1}]}");
    in.integer("amount");
    in.object("inner").orElseThrow().text("x", 5);
    in.objects("lines", 5).orElseThrow().forEach(line -> line.text("a", 5));
    assertThat(fields(in)).isEmpty();
    assertThatThrownBy(in::check)
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(400);
              assertThat(p.errors())
                  .extracting(FieldError::field)
                  .containsExactlyInAnyOrder("capture_mod", "gone", "inner.y", "lines[0].b");
              assertThat(p.errors())
                  .extracting(FieldError::message)
                  .allMatch(m -> m.equals("is not a field of this request"));
            });
  }

  @Test
  void aReaderThatListsItsFieldsNamesEachUnknownOnce() {
    JsonInput in = JsonInput.parse("{\"name\": \"a\", \"nmae\": \"b\"}");
    in.rejectUnknown(java.util.Set.of("name"));
    in.text("name", 5);
    assertThatThrownBy(in::check)
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> assertThat(p.errors()).extracting(FieldError::field).containsExactly("nmae"));
  }

  @Test
  void aBodyWhoseFieldsAreAllReadPasses() {
    JsonInput in = JsonInput.parse("{\"name\": \"a\", \"n\": null}");
    in.text("name", 5);
    in.has("n");
    in.check();
  }
}
