package com.stepup.gateway.settlements.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaSettlements;
import com.stepup.gateway.payments.MoneyByKlarnaId;
import com.stepup.gateway.payments.MoneyByKlarnaId.KnownMove;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The import's faults (issue 27 §6): a crash mid-payout resumes after the lines stored and stores
 * each line once; one import runs at a time across instances (the lease).
 */
class SettlementImportTest {

  static final String ACCOUNT = "krn:partner:global:account:test:a";
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  /** A clock the test moves. */
  static final class Moving extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** The store in memory, with the real store's rules for a page and the lease. */
  static final class MemoryStore extends SettlementStore {
    final Map<String, Stored> payouts = new LinkedHashMap<>();
    final List<String> lines = new ArrayList<>(); // "payoutId#seq type amount"
    ImportLease lease = new ImportLease(null, null);
    int released;

    @Override
    boolean claim(String owner, Instant now, Duration duration) {
      if (lease.keeps(owner, now)) {
        return false;
      }
      lease = new ImportLease(owner, now.plus(duration));
      return true;
    }

    @Override
    void release(String owner, Instant now, String failure) {
      if (owner.equals(lease.owner())) {
        lease = new ImportLease(null, null);
        released++;
      }
    }

    @Override
    Optional<Instant> capturesCheckedUntil() {
      return Optional.empty();
    }

    @Override
    Optional<Stored> stored(String reference) {
      return Optional.ofNullable(payouts.get(reference));
    }

    @Override
    Optional<Instant> newestPayoutDate() {
      return Optional.empty();
    }

    @Override
    String begin(KlarnaSettlements.Payout klarna, String merchantId, Instant now) {
      String id = "po_" + (payouts.size() + 1);
      payouts.put(klarna.paymentReference(), new Stored(id, false, 0));
      return id;
    }

    @Override
    Optional<MerchantFeePlan> feePlan(String merchantId) {
      return Optional.empty();
    }

    @Override
    PageResult storeLines(
        String payoutId,
        int firstSeq,
        List<KlarnaSettlements.Transaction> page,
        Map<String, KnownMove> known,
        Map<String, KnownDispute> disputes,
        LineMatching.FeePlan plan,
        Instant now) {
      var entry =
          payouts.entrySet().stream().filter(e -> e.getValue().id().equals(payoutId)).findFirst();
      Stored p = entry.orElseThrow().getValue();
      if (p.lineCount() != firstSeq) {
        return new PageResult(0, 0, 0); // as the real store: a page stored meanwhile
      }
      int seq = firstSeq;
      for (var t : page) {
        lines.add(payoutId + "#" + seq++ + " " + t.type() + " " + t.amount());
      }
      entry.get().setValue(new Stored(p.id(), false, seq));
      return new PageResult(page.size(), 0, 0);
    }

    @Override
    void complete(String payoutId) {
      payouts.replaceAll(
          (ref, p) -> p.id().equals(payoutId) ? new Stored(p.id(), true, p.lineCount()) : p);
    }

    @Override
    int notSettled(List<KnownMove> captures, Instant checkedUntil, Instant now) {
      return 0;
    }
  }

  /** Klarna with one payout of {@code lines} lines, served {@value #PAGE} at a time. */
  static final class Klarna implements KlarnaSettlements {
    static final int PAGE = 3;
    final List<Transaction> lines = new ArrayList<>();
    final List<Integer> offsetsAsked = new ArrayList<>();
    int failAtOffset = -1;
    Consumer<Integer> onPayouts = offset -> {};

    Klarna(int count) {
      for (int i = 0; i < count; i++) {
        lines.add(
            new Transaction(
                "SALE",
                "PURCHASE",
                1_000 + i,
                "EUR",
                "k-cap-" + i,
                null,
                "tx-" + i,
                "o-" + i,
                null));
      }
    }

    @Override
    public Page<Payout> payouts(Instant from, int offset, int size) {
      onPayouts.accept(offset);
      var p = new Payout("PR-1", T0, "EUR", ACCOUNT, Map.of(), 0);
      return offset == 0 ? new Page<>(List.of(p), 1, false) : new Page<>(List.of(), 1, false);
    }

    @Override
    public Page<Transaction> transactions(String paymentReference, int offset, int size) {
      offsetsAsked.add(offset);
      if (offset == failAtOffset) {
        failAtOffset = -1;
        throw new KlarnaException(503, "SERVICE_UNAVAILABLE", null, "down", "c-1", List.of());
      }
      int end = Math.min(lines.size(), offset + PAGE);
      return new Page<>(lines.subList(offset, end), lines.size(), end < lines.size());
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T port(Class<T> type, java.util.function.Function<String, Object> answer) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> answer.apply(m.getName()));
  }

  final Moving clock = new Moving();
  final MemoryStore store = new MemoryStore();

  SettlementImport importer(Klarna klarna) {
    SettlementImport i = new SettlementImport();
    i.klarna = klarna;
    i.store = store;
    i.clock = clock;
    i.settings = new SettlementSettings();
    i.money =
        port(
            MoneyByKlarnaId.class,
            m ->
                switch (m) {
                  case "byKlarnaIds" -> Map.of();
                  case "capturesBetween" -> List.of();
                  default -> throw new UnsupportedOperationException(m);
                });
    i.merchants =
        port(
            Merchants.class,
            m ->
                Optional.of(
                    new MerchantView(
                        "mer_1", "A", ACCOUNT, MerchantView.Status.ACTIVE, null, T0, T0, "UTC")));
    return i;
  }

  @Test
  void anImportThatFailsMidPayoutResumesAfterTheStoredLinesAndStoresEachLineOnce() {
    Klarna klarna = new Klarna(7);
    klarna.failAtOffset = Klarna.PAGE; // Klarna fails (or the instance dies) after the first page
    SettlementImport importer = importer(klarna);

    assertThatThrownBy(importer::run).isInstanceOf(KlarnaException.class);
    assertThat(store.lines).hasSize(Klarna.PAGE);
    assertThat(store.payouts.get("PR-1").complete()).isFalse();
    assertThat(store.lease.owner()).as("the failed import let its lease go").isNull();

    var second = importer(klarna).run(); // another instance, or the next interval
    assertThat(second.ran()).isTrue();
    assertThat(second.lines()).isEqualTo(4);
    assertThat(klarna.offsetsAsked)
        .as("the second import asks from the line count stored, never from 0 again")
        .containsExactly(0, 3, 3, 6);
    assertThat(store.lines)
        .hasSize(7)
        .doesNotHaveDuplicates()
        .extracting(l -> l.substring(0, l.indexOf(' ')))
        .containsExactly("po_1#0", "po_1#1", "po_1#2", "po_1#3", "po_1#4", "po_1#5", "po_1#6");
    assertThat(store.lines.get(6)).endsWith("SALE 1006");
    assertThat(store.payouts.get("PR-1").complete()).isTrue();

    var third = importer(klarna).run();
    assertThat(third.payouts()).as("a complete payout is not imported again").isZero();
    assertThat(store.lines).hasSize(7);
  }

  @Test
  void aSecondInstanceDoesNotImportWhileTheFirstHoldsTheLease() {
    Klarna klarna = new Klarna(2);
    SettlementImport first = importer(klarna);
    SettlementImport second = importer(klarna);
    List<Boolean> secondRan = new ArrayList<>();
    klarna.onPayouts =
        offset -> {
          if (secondRan.isEmpty()) {
            secondRan.add(false); // once: the second's own listing must not recurse
            secondRan.set(0, second.run().ran()); // while the first is importing
          }
        };

    var done = first.run();

    assertThat(done.ran()).isTrue();
    assertThat(secondRan).containsExactly(false);
    assertThat(store.lines).hasSize(2);
    assertThat(store.lease.owner()).isNull();
    klarna.onPayouts = offset -> {};
    assertThat(second.run().ran()).as("once the lease is let go").isTrue();
  }

  @Test
  void aLeaseKeepsOthersOutUntilItExpiresAndItsOwnerMayRenewIt() {
    assertThat(store.claim("a", T0, SettlementImport.LEASE)).isTrue();
    assertThat(store.claim("b", T0.plus(Duration.ofMinutes(10)), SettlementImport.LEASE))
        .as("two claims: the second is refused while the first's lease is live")
        .isFalse();
    assertThat(store.claim("a", T0.plus(Duration.ofMinutes(10)), SettlementImport.LEASE)).isTrue();
    assertThat(store.claim("b", T0.plus(Duration.ofMinutes(41)), SettlementImport.LEASE))
        .as("an instance that died mid-import leaves a lease that expires")
        .isTrue();
    assertThat(new ImportLease(null, null).keeps("b", T0)).isFalse();
  }
}
