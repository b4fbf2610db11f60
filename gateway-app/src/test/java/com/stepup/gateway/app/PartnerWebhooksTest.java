package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The ITs' Standard Webhooks check finds the secret that signed, and nothing once changed. */
class PartnerWebhooksTest {

  private static final byte[] KEY =
      "a-merchant-secret-of-32-bytes!!!".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

  @Test
  void aSignatureVerifiesWithItsSecretOnlyAndOverTheExactMessage() throws Exception {
    PartnerWebhooks.secretShown(SECRET);
    String body = "{\"type\":\"ping\",\"data\":{\"merchant_id\":\"mer_1\"}}";
    String signature = "v1,bm90IGEgc2lnbmF0dXJl " + sign("msg_1", "1700000000", body);
    assertThat(PartnerWebhooks.signedWith("msg_1", "1700000000", signature, body)).contains(SECRET);
    assertThat(PartnerWebhooks.signedWith("msg_1", "1700000000", signature, body + " ")).isEmpty();
    assertThat(PartnerWebhooks.signedWith("msg_2", "1700000000", signature, body)).isEmpty();
    assertThat(PartnerWebhooks.signedWith("msg_1", "1700000001", signature, body)).isEmpty();
    assertThat(PartnerWebhooks.signedWith("msg_1", "1700000000", "v1,bm90", body)).isEmpty();
  }

  private static String sign(String id, String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    byte[] signed =
        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(signed);
  }
}
