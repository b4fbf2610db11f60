package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaNotifications;
import com.stepup.gateway.klarna.KlarnaWire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering the gateway's webhook: what it subscribes to, and the keys it cleans up. */
class RegistrationTest {

  static final String URL = "https://gw.example/webhooks/klarna";

  /** Klarna's Notifications API, written down. */
  static final class FakeKlarna implements KlarnaNotifications {
    final List<String> calls = new ArrayList<>();
    String replaced;
    final List<String> refuseDelete = new ArrayList<>();
    int keys;

    @Override
    public Optional<Webhook> webhook(String id) {
      return Optional.empty();
    }

    @Override
    public SigningKey createSigningKey(String idempotencyKey) {
      calls.add("create key " + idempotencyKey);
      return new SigningKey("k-" + ++keys, "secret");
    }

    @Override
    public void deleteSigningKey(String id) {
      calls.add("delete " + id);
      if (refuseDelete.contains(id)) {
        throw new KlarnaException(500, "x", "x", "down", null, List.of());
      }
    }

    @Override
    public Subscription subscribe(
        String url, List<String> eventTypes, String signingKeyId, String idempotencyKey) {
      calls.add("subscribe " + eventTypes + " " + signingKeyId + " " + idempotencyKey);
      return new Subscription("wh-1", replaced);
    }
  }

  /** The gateway's keys, in memory: id → deleted. */
  static final class Keys extends SigningKeys {
    final Map<String, Boolean> mine = new LinkedHashMap<>();

    @Override
    void keep(KlarnaNotifications.SigningKey key, String url) {
      mine.put(key.id(), false);
    }

    @Override
    void webhookCreated(String keyId, String webhookId) {}

    @Override
    List<String> replacedAtKlarna(String url, String current) {
      return mine.entrySet().stream()
          .filter(e -> !e.getKey().equals(current) && !e.getValue())
          .map(Map.Entry::getKey)
          .toList();
    }

    @Override
    void deletedAtKlarna(String keyId) {
      mine.put(keyId, true);
    }

    @Override
    boolean configured(String keyId) {
      return keyId.startsWith("it-key");
    }
  }

  FakeKlarna klarna;
  Keys keys;
  Registration registration;

  @BeforeEach
  void wire() {
    klarna = new FakeKlarna();
    keys = new Keys();
    WebhookSettings settings = new WebhookSettings();
    settings.publicBaseUrl = "https://gw.example";
    registration = new Registration();
    registration.klarna = klarna;
    registration.keys = keys;
    registration.settings = settings;
  }

  @Test
  void itSubscribesToCapturesAndRefundsWithOneIdempotencyKeyPerRegistration() {
    registration.register();
    assertThat(klarna.calls).hasSize(2);
    String key = klarna.calls.get(0).substring("create key ".length());
    assertThat(key).isNotBlank();
    assertThat(klarna.calls.get(1))
        .contains(KlarnaWire.TRANSACTION_CAPTURED, KlarnaWire.TRANSACTION_REFUNDED)
        .contains("payment.request.state-change.*", "payment.transaction.state-change.*")
        .endsWith(" k-1 " + key);
    registration.register();
    assertThat(klarna.calls.get(2)).as("a new registration, a new key").doesNotEndWith(key);
  }

  @Test
  void aReplacedKeyIsDeletedAtKlarnaAndAFailedDeletionIsTriedAgainNextTime() {
    registration.register();
    klarna.refuseDelete.add("k-1");
    registration.register();
    assertThat(klarna.calls).contains("delete k-1");
    assertThat(keys.mine).containsEntry("k-1", false);

    klarna.refuseDelete.clear();
    klarna.replaced = "k-old-installation"; // the key Klarna's webhook had before
    registration.register();
    assertThat(klarna.calls)
        .filteredOn(c -> c.startsWith("delete"))
        .containsExactly("delete k-1", "delete k-1", "delete k-2", "delete k-old-installation");
    assertThat(keys.mine)
        .containsEntry("k-1", true)
        .containsEntry("k-2", true)
        .containsEntry("k-3", false);
  }

  @Test
  void aConfiguredKeyIsNeverTheGatewaysToDelete() {
    klarna.replaced = "it-key-old";
    registration.register();
    assertThat(klarna.calls).noneMatch(c -> c.startsWith("delete"));
  }
}
