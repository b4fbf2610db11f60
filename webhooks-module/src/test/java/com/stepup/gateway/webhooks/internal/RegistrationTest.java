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

    /** The webhooks Klarna has; {@link #subscribe} adds one, as a create would. */
    final List<Webhook> atKlarna = new ArrayList<>();

    @Override
    public Optional<Webhook> webhook(String id) {
      return atKlarna.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    boolean listFails;

    @Override
    public List<Webhook> webhooks() {
      if (listFails) {
        throw new KlarnaException(503, "x", "x", "down", null, List.of());
      }
      return List.copyOf(atKlarna);
    }

    @Override
    public Subscription update(
        Webhook existing, List<String> eventTypes, String signingKeyId, String idempotencyKey) {
      calls.add("update " + existing.id() + " " + eventTypes + " " + signingKeyId);
      if (eventTypes.contains(refusedEventType)) {
        throw new KlarnaException(400, "VALIDATION_ERROR", "x", "event_types", null, List.of());
      }
      atKlarna.replaceAll(
          w ->
              w.id().equals(existing.id())
                  ? new Webhook(w.id(), w.url(), "ENABLED", signingKeyId, eventTypes)
                  : w);
      return new Subscription(existing.id(), existing.signingKeyId());
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

    /** An event type this Klarna refuses (400), as a Klarna that does not offer it would. */
    String refusedEventType;

    @Override
    public Subscription subscribe(
        String url, List<String> eventTypes, String signingKeyId, String idempotencyKey) {
      calls.add("subscribe " + eventTypes + " " + signingKeyId + " " + idempotencyKey);
      if (eventTypes.contains(refusedEventType)) {
        throw new KlarnaException(400, "VALIDATION_ERROR", "x", "event_types", null, List.of());
      }
      String id = "wh-" + (atKlarna.size() + 1);
      atKlarna.add(new Webhook(id, url, "ENABLED", signingKeyId, eventTypes));
      return new Subscription(id, replaced);
    }
  }

  /** The gateway's keys, in memory: id → deleted. */
  static final class Keys extends SigningKeys {
    final Map<String, Boolean> mine = new LinkedHashMap<>();
    final Map<String, String> secrets = new LinkedHashMap<>();
    String webhook;

    @Override
    Optional<String> registeredWebhook(String url) {
      return Optional.ofNullable(webhook);
    }

    @Override
    Optional<String> secret(String keyId) {
      return Optional.ofNullable(secrets.get(keyId));
    }

    @Override
    void keep(KlarnaNotifications.SigningKey key, String url) {
      mine.put(key.id(), false);
      secrets.put(key.id(), key.secret());
    }

    @Override
    void webhookCreated(String keyId, String webhookId) {
      webhook = webhookId;
    }

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
  WebhookSettings settings;
  Registration registration;

  @BeforeEach
  void wire() {
    klarna = new FakeKlarna();
    keys = new Keys();
    settings = new WebhookSettings();
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
    // the key Klarna's webhook has now, set by an earlier installation
    KlarnaNotifications.Webhook w = klarna.atKlarna.get(0);
    klarna.atKlarna.set(
        0,
        new KlarnaNotifications.Webhook(
            w.id(), w.url(), w.status(), "k-old-installation", w.eventTypes()));
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

  /** What the gateway subscribed to before disputes were added. */
  static final List<String> WITHOUT_DISPUTES =
      List.of("payment.request.state-change.*", "payment.transaction.state-change.*");

  @Test
  void aWebhookKlarnaHasWithoutTheDisputeEventsIsUpdatedNotDoubled() {
    klarna.atKlarna.add(
        new KlarnaNotifications.Webhook("wh-old", URL, "ENABLED", "k-old", WITHOUT_DISPUTES));
    assertThat(registration.register()).isEqualTo("wh-old");
    assertThat(klarna.atKlarna).as("one webhook for the URL").hasSize(1);
    assertThat(klarna.atKlarna.get(0).eventTypes()).contains("payment.dispute.*");
    assertThat(klarna.atKlarna.get(0).signingKeyId()).isEqualTo("k-1");
    assertThat(klarna.calls).noneMatch(c -> c.startsWith("subscribe")).contains("delete k-old");
  }

  @Test
  void atStartARegistrationLackingEventsIsUpdatedInPlace() {
    settings.selfRegister = true;
    registration.register();
    assertThat(klarna.atKlarna).hasSize(1);
    // an older gateway's registration: the same webhook, without the dispute events
    klarna.atKlarna.set(
        0, new KlarnaNotifications.Webhook("wh-1", URL, "ENABLED", "k-1", WITHOUT_DISPUTES));
    registration.registerIfNeeded();
    assertThat(klarna.atKlarna).hasSize(1);
    assertThat(klarna.atKlarna.get(0).eventTypes()).containsAll(Registration.EVENTS);
    assertThat(klarna.calls)
        .anyMatch(c -> c.startsWith("update wh-1 "))
        .noneMatch(c -> c.startsWith("subscribe") && c.endsWith("k-2"));
    int calls = klarna.calls.size();
    registration.registerIfNeeded();
    assertThat(klarna.calls).as("nothing to do now").hasSize(calls);
  }

  @Test
  void theWebhookRegisteredLastTimeIsTheOneUpdated() {
    klarna.atKlarna.add(
        new KlarnaNotifications.Webhook("wh-a", URL, "ENABLED", "k-a", WITHOUT_DISPUTES));
    klarna.atKlarna.add(
        new KlarnaNotifications.Webhook("wh-b", URL, "ENABLED", "k-b", WITHOUT_DISPUTES));
    klarna.atKlarna.add(
        new KlarnaNotifications.Webhook(
            "wh-other", "https://other.example/hooks", "ENABLED", "k-x", WITHOUT_DISPUTES));
    keys.webhook = "wh-b";
    assertThat(registration.register()).isEqualTo("wh-b");
    assertThat(klarna.calls).anyMatch(c -> c.startsWith("update wh-b "));
  }

  @Test
  void aListKlarnaCannotAnswerStillRegisters() {
    klarna.listFails = true;
    assertThat(registration.register()).isEqualTo("wh-1");
    assertThat(klarna.calls).anyMatch(c -> c.startsWith("subscribe"));
  }

  @Test
  void aKlarnaThatRefusesTheSettlementReportStillGetsThePaymentAndDisputeEvents() {
    klarna.refusedEventType = KlarnaWire.SETTLEMENT_REPORT_CREATED;

    String webhookId = registration.register();

    assertThat(klarna.webhook(webhookId).orElseThrow().eventTypes())
        .isEqualTo(KlarnaWire.REQUIRED_EVENTS);
    assertThat(klarna.calls.stream().filter(c -> c.startsWith("subscribe")))
        .as("one refused with everything, one made with what the gateway needs, each its own key")
        .hasSize(2)
        .doesNotHaveDuplicates();
    // at the next start it asks for everything again (a Klarna that has begun to offer the report
    // gets it), and again settles for what the gateway needs
    klarna.calls.clear();
    settings.selfRegister = true;
    registration.registerIfNeeded();
    assertThat(klarna.webhooks()).hasSize(1);
    assertThat(klarna.webhooks().get(0).eventTypes()).isEqualTo(KlarnaWire.REQUIRED_EVENTS);
  }
}
