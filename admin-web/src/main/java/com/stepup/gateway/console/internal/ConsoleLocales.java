package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Each console user's own language and number format (issue 29), kept per user: it decides how the
 * amounts they type are read ("1,234" is 1234 in English and 1.234 in German). Without a choice,
 * the browser's {@code Accept-Language} decides, and English (US) when the browser names none.
 */
@ApplicationScoped
class ConsoleLocales {

  /** What a user may choose: the languages the gateway's merchants work in. */
  static final List<Locale> OFFERED =
      List.of(
          Locale.forLanguageTag("en-US"),
          Locale.forLanguageTag("en-GB"),
          Locale.forLanguageTag("de-DE"),
          Locale.forLanguageTag("fr-FR"),
          Locale.forLanguageTag("sv-SE"),
          Locale.forLanguageTag("nb-NO"),
          Locale.forLanguageTag("ja-JP"));

  @PersistenceContext(unitName = "console")
  EntityManager em;

  @Inject Clock clock;

  /** One of {@link #OFFERED} by its tag ("de-DE"); empty for anything else. */
  static Optional<Locale> offered(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    return OFFERED.stream().filter(l -> l.toLanguageTag().equals(tag.strip())).findFirst();
  }

  /** The user's choice when there is one, else the browser's, else English (US). */
  static Locale effective(Optional<Locale> chosen, Locale browser) {
    return chosen.orElse(browser == null ? Locale.US : browser);
  }

  @Transactional
  Optional<Locale> of(String username) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT l.locale FROM console_user_locale l"
                    + " JOIN console_user u ON u.id = l.user_id WHERE u.username = ?1")
            .setParameter(1, username)
            .getResultList();
    return rows.isEmpty() ? Optional.empty() : offered(String.valueOf(rows.get(0)));
  }

  /** Keeps the user's choice; {@code null} gives the decision back to the browser. */
  @Transactional
  void choose(String username, Locale locale) {
    List<?> ids =
        em.createNativeQuery("SELECT id FROM console_user WHERE username = ?1")
            .setParameter(1, username)
            .getResultList();
    if (ids.isEmpty()) {
      return;
    }
    long id = ((Number) ids.get(0)).longValue();
    em.createNativeQuery("DELETE FROM console_user_locale WHERE user_id = ?1")
        .setParameter(1, id)
        .executeUpdate();
    if (locale != null) {
      em.createNativeQuery(
              "INSERT INTO console_user_locale (user_id, locale, updated_at) VALUES (?1, ?2, ?3)")
          .setParameter(1, id)
          .setParameter(2, locale.toLanguageTag())
          .setParameter(3, OffsetDateTime.now(clock))
          .executeUpdate();
    }
  }
}
