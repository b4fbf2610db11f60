package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.internal.LoopbackKlarna.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call whose answer the gateway does not read (deleting a signing key) is done on any 2xx, with a
 * body or without one, whatever the body: Klarna documents 204, and a 200 with a JSON body (or any
 * other) must not turn a done delete into a failure, nor into a repeated DELETE.
 */
class KlarnaVoidCallTest {

  private LoopbackKlarna klarna;
  private KlarnaNotificationsClient notifications;

  @BeforeEach
  void start() throws IOException {
    klarna = new LoopbackKlarna();
    notifications = LoopbackKlarna.notifications(klarna.wire(4, Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() throws IOException {
    klarna.close();
  }

  @Test
  void aDeleteAnsweredWithAny2xxIsDoneOnceWithOrWithoutABody() {
    List<Reply> answers =
        List.of(
            Reply.of(204, null, null),
            Reply.json(200, "{\"signing_key_id\":\"krn:key:1\",\"status\":\"DELETED\"}"),
            Reply.json(200, "[]"),
            Reply.json(200, "null"),
            Reply.of(200, "text/plain", "OK"),
            Reply.of(200, "application/json", ""),
            Reply.json(202, "{\"accepted\":true}"));

    for (Reply answer : answers) {
      long before = klarna.count("DELETE");
      klarna.script = (method, nth) -> answer;

      notifications.deleteSigningKey("krn:key:1");

      assertThat(klarna.count("DELETE")).as("%s: sent once", answer).isEqualTo(before + 1);
    }
    assertThat(klarna.methods()).containsOnly("DELETE");
    assertThat(klarna.requests.get(0))
        .startsWith("DELETE /v2/notification/signing-keys/krn:key:1 ");
    assertThat(klarna.connections.get())
        .as("each answer read whole: the connection was kept for the next")
        .isEqualTo(1);
  }

  @Test
  void aDeleteAnsweredWithAnErrorStillFailsAndAMissingKeyIsGoneAlready() {
    klarna.script = (method, nth) -> Reply.json(404, "{\"error_code\":\"NOT_FOUND\"}");
    notifications.deleteSigningKey("krn:key:1");

    klarna.script = (method, nth) -> Reply.json(400, "{\"error_code\":\"BAD_VALUE\"}");
    KlarnaException refused =
        catchThrowableOfType(
            KlarnaException.class, () -> notifications.deleteSigningKey("krn:key:1"));
    assertThat(refused.status()).isEqualTo(400);
  }
}
