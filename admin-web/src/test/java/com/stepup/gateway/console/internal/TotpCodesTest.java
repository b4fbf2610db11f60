package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TotpCodesTest {

  /** RFC 6238, appendix B: the SHA-1 seed "12345678901234567890". */
  private static final String RFC_SECRET =
      TotpCodes.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  private static TotpCodes at(long epochSecond) {
    return new TotpCodes(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  @Test
  void theCodesAreRfc6238s() {
    assertThat(RFC_SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    // the RFC's 8-digit values 94287082 and 07081804, cut to the apps' 6 digits
    assertThat(at(0).code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(59))))
        .isEqualTo("287082");
    assertThat(at(0).code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(1111111109))))
        .isEqualTo("081804");
  }

  @Test
  void aCodeIsAcceptedForItsStepAndOneEitherSideOnly() {
    long now = 1_700_000_015L;
    long step = TotpCodes.step(Instant.ofEpochSecond(now));
    TotpCodes codes = at(now);
    String secret = TotpCodes.newSecret();

    assertThat(codes.accept(secret, codes.code(secret, step), 0)).hasValue(step);
    assertThat(codes.accept(secret, codes.code(secret, step - 1), 0)).hasValue(step - 1);
    assertThat(codes.accept(secret, codes.code(secret, step + 1), 0)).hasValue(step + 1);
    assertThat(codes.accept(secret, codes.code(secret, step - 2), 0)).isEmpty();
    assertThat(codes.accept(secret, codes.code(secret, step + 2), 0)).isEmpty();
    assertThat(codes.accept(TotpCodes.newSecret(), codes.code(secret, step), 0)).isEmpty();
  }

  @Test
  void aCodeWorksOnceAndNoEarlierOneAfterIt() {
    long now = 1_700_000_015L;
    long step = TotpCodes.step(Instant.ofEpochSecond(now));
    TotpCodes codes = at(now);
    String secret = TotpCodes.newSecret();
    String current = codes.code(secret, step);

    long last = codes.accept(secret, current, 0).getAsLong();
    assertThat(codes.accept(secret, current, last)).as("the same code again").isEmpty();
    assertThat(codes.accept(secret, codes.code(secret, step - 1), last))
        .as("the previous step's code, still in the window")
        .isEmpty();
    assertThat(codes.accept(secret, codes.code(secret, step + 1), last))
        .as("the next step's code")
        .hasValue(step + 1);

    // thirty seconds later the same code is refused too, now as too old or used
    TotpCodes later = at(now + 30);
    assertThat(later.accept(secret, current, last)).isEmpty();
    assertThat(later.accept(secret, later.code(secret, step + 1), last)).hasValue(step + 1);
  }

  @Test
  void onlySixDigitsAreACode() {
    TotpCodes codes = at(1_700_000_015L);
    String secret = TotpCodes.newSecret();
    assertThat(codes.accept(secret, null, 0)).isEmpty();
    assertThat(codes.accept(secret, "12345", 0)).isEmpty();
    assertThat(codes.accept(secret, "12345a", 0)).isEmpty();
    assertThat(codes.accept(null, "123456", 0)).isEmpty();
    assertThat(TotpCodes.looksLikeCode(" 123456 ")).isTrue();
    assertThat(TotpCodes.looksLikeCode("abcde-fghij")).isFalse();
  }

  @Test
  void recoveryCodesAreRandomAndMatchByTheirHashOnly() {
    List<String> shown = TotpCodes.newRecoveryCodes();
    assertThat(shown).hasSize(10).allMatch(c -> c.matches("[a-z2-7]{5}-[a-z2-7]{5}"));
    assertThat(new HashSet<>(shown)).hasSize(10);
    List<String> stored = shown.stream().map(TotpCodes::hashRecovery).toList();
    assertThat(stored).noneMatch(h -> shown.stream().anyMatch(h::contains));

    String third = shown.get(2);
    assertThat(TotpCodes.matchRecovery(stored, third)).hasValue(stored.get(2));
    assertThat(TotpCodes.matchRecovery(stored, " " + third.toUpperCase().replace("-", "") + " "))
        .hasValue(stored.get(2));
    assertThat(TotpCodes.matchRecovery(stored, "aaaaa-aaaaa")).isEqualTo(Optional.empty());
    assertThat(TotpCodes.matchRecovery(stored, "")).isEmpty();
    assertThat(TotpCodes.matchRecovery(List.of(), third)).isEmpty();
  }

  @Test
  void theSecretIsBase32AndTheUriWhatAuthenticatorAppsRead() {
    String secret = TotpCodes.newSecret();
    assertThat(secret).matches("[A-Z2-7]{32}");
    assertThat(TotpCodes.base32(TotpCodes.unbase32(secret))).isEqualTo(secret);
    assertThat(TotpCodes.uri("Step-up gateway", "ann@example.com", secret))
        .isEqualTo(
            "otpauth://totp/Step-up%20gateway:ann%40example.com?secret="
                + secret
                + "&issuer=Step-up%20gateway&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void platformAdminsMustHaveOneUnlessDemoModeOrTheSettingSaysOptional() {
    TwoFactors f = new TwoFactors();
    f.platformAdmins = Optional.empty();
    f.demo = false;
    assertThat(f.requiredForPlatformAdmins()).isTrue();
    f.demo = true;
    assertThat(f.requiredForPlatformAdmins()).isFalse();
    f.platformAdmins = Optional.of("required");
    assertThat(f.requiredForPlatformAdmins()).isTrue();
    f.platformAdmins = Optional.of("optional");
    f.demo = false;
    assertThat(f.requiredForPlatformAdmins()).isFalse();
  }
}
