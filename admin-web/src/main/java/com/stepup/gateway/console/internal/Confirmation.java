package com.stepup.gateway.console.internal;

import jakarta.mvc.Models;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The step before an action that cannot be undone (revoke a key, suspend a merchant, rotate a
 * secret, deactivate a terminal, disconnect a display, disable a user): its POST without {@code
 * confirmed=yes} answers a page that says what will happen and posts the same form again with it.
 * Without JavaScript too.
 */
final class Confirmation {

  private Confirmation() {}

  static boolean given(String confirmed) {
    return "yes".equals(confirmed);
  }

  /**
   * The confirmation page: {@code question} is a message key, {@code question.what} says what will
   * happen and {@code question.yes} is the button (each with {@code subject} as its argument);
   * {@code fields} are the form's other values to send again.
   */
  static Response ask(
      Models models,
      String question,
      String subject,
      String action,
      String back,
      Map<String, String> fields) {
    models.put("question", question);
    models.put("consequence", question + ".what");
    models.put("subject", subject);
    models.put("action", action);
    models.put("back", back);
    models.put("fields", fields);
    return Response.ok("confirm.html").build();
  }
}
