package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-06T10:00:00Z");

  static ConsoleUsers.Binding admin(long id, String stamp) {
    return new ConsoleUsers.Binding("ops", id, stamp, ConsoleRole.PLATFORM_ADMIN);
  }

  static AdminToken issuedTo(ConsoleUsers.Binding owner) {
    return new AdminToken("tok_1", "hash", "adm_12345678", owner, "ci", NOW, NOW.plusDays(90));
  }

  @Test
  void speaksForTheUserItWasIssuedToWhileNothingChanged() {
    AdminToken token = issuedTo(admin(7, "stamp-a"));
    assertThat(token.valid(admin(7, "stamp-a"), NOW.plusDays(89))).isTrue();
  }

  @Test
  void aResetPasswordChangesTheStampAndEndsIt() {
    AdminToken token = issuedTo(admin(7, "stamp-a"));
    assertThat(token.valid(admin(7, "stamp-b"), NOW)).isFalse();
  }

  @Test
  void aNewUserUnderTheSameNameGetsNothing() {
    AdminToken token = issuedTo(admin(7, "stamp-a"));
    assertThat(token.valid(admin(8, "stamp-a"), NOW)).isFalse();
  }

  @Test
  void itExpiresAndARevokedOneIsDone() {
    AdminToken token = issuedTo(admin(7, "stamp-a"));
    assertThat(token.valid(admin(7, "stamp-a"), NOW.plusDays(90))).isFalse();
    token.revokedAt(NOW);
    assertThat(token.valid(admin(7, "stamp-a"), NOW)).isFalse();
  }

  @Test
  void onlyForAPlatformAdmin() {
    AdminToken token = issuedTo(admin(7, "stamp-a"));
    assertThat(token.valid(new ConsoleUsers.Binding("ops", 7, "stamp-a", ConsoleRole.SUPPORT), NOW))
        .isFalse();
  }

  @Test
  void aTokenFromBeforeTheBindingIsRefused() {
    AdminToken old = new AdminToken();
    old.createdAt = NOW;
    assertThat(old.valid(admin(7, "stamp-a"), NOW)).isFalse();
  }
}
