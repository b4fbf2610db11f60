package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static final String OTHER =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void aSealedSecretOpensInItsOwnContextOnlyAndNeverShowsItself() {
    SecretBox box = new SecretBox(KEY, null);
    String sealed = box.seal("whsec_abc", "merchant:mer_1");
    assertThat(sealed).startsWith("enc:v1:").doesNotContain("whsec_abc");
    assertThat(box.seal("whsec_abc", "merchant:mer_1"))
        .as("a new nonce each time")
        .isNotEqualTo(sealed);
    assertThat(box.open(sealed, "merchant:mer_1")).isEqualTo("whsec_abc");
    assertThatThrownBy(() -> box.open(sealed, "merchant:mer_2"))
        .hasMessageContaining("does not open")
        .hasMessageNotContaining("whsec");
  }

  @Test
  void anAlteredValueDoesNotOpen() {
    SecretBox box = new SecretBox(KEY, null);
    String sealed = box.seal("secret", "c");
    int colon = sealed.lastIndexOf(':');
    byte[] bytes = Base64.getDecoder().decode(sealed.substring(colon + 1));
    for (int i = 0; i < bytes.length; i++) { // nonce, ciphertext and tag alike
      byte[] altered = bytes.clone();
      altered[i] ^= 1;
      String stored = sealed.substring(0, colon + 1) + Base64.getEncoder().encodeToString(altered);
      assertThatThrownBy(() -> box.open(stored, "c"))
          .as("byte " + i)
          .hasMessageContaining("altered");
    }
    assertThatThrownBy(() -> box.open(sealed.substring(0, colon + 1) + "!!", "c"))
        .hasMessageContaining("altered");
  }

  @Test
  void afterRotationOldValuesOpenAndAreStaleNewOnesAreNot() {
    String sealedBefore = new SecretBox(OTHER, null).seal("s1", "c");
    SecretBox rotated = new SecretBox(KEY, OTHER);
    assertThat(rotated.open(sealedBefore, "c")).isEqualTo("s1");
    assertThat(rotated.stale(sealedBefore)).isTrue();
    assertThat(rotated.stale(rotated.seal("s2", "c"))).isFalse();
    assertThatThrownBy(() -> new SecretBox(KEY, null).open(sealedBefore, "c"))
        .hasMessageContaining("gateway.secrets.old-keys");
  }

  @Test
  void valuesStoredBeforeAKeyWasSetPassThroughAndAreStale() {
    SecretBox box = new SecretBox(KEY, null);
    assertThat(box.open("whsec_plain", "c")).isEqualTo("whsec_plain");
    assertThat(box.stale("whsec_plain")).isTrue();
  }

  @Test
  void withoutAKeyNothingIsSealed() {
    SecretBox box = new SecretBox(null, null);
    assertThat(box.sealing()).isFalse();
    assertThat(box.seal("whsec_plain", "c")).isEqualTo("whsec_plain");
    assertThat(box.stale("whsec_plain")).isFalse();
  }

  @Test
  void aKeyThatIsNot32BytesOfBase64IsRefusedClearly() {
    assertThatThrownBy(() -> new SecretBox("c2hvcnQ=", null))
        .hasMessageContaining("32 random bytes");
    assertThatThrownBy(() -> new SecretBox("not base64!", null)).hasMessageContaining("Base64");
  }
}
