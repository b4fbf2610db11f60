package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.payments.MoneyByKlarnaId;
import com.stepup.gateway.payments.MoneyByKlarnaId.KnownMove;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the money lines of a period page by page (captures and refunds through payments' port,
 * settlement lines from the payouts dated in it) and streams them as {@link MoneyLinesCsv}: a large
 * export never sits in memory at once.
 */
@ApplicationScoped
class MoneyLines {

  static final int PAGE = 500;
  static final int MAX_ROWS = 200_000;

  @Inject MoneyByKlarnaId money;
  @Inject SettlementStore store;

  int write(String merchantId, Instant from, Instant to, ZoneId zone, OutputStream out)
      throws IOException {
    var w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    return MoneyLinesCsv.write(
        w, zone, moves(merchantId, from, to), lines(merchantId, from, to), MAX_ROWS);
  }

  private Iterator<MoneyLinesCsv.Row> moves(String merchantId, Instant from, Instant to) {
    return new Paged<>() {
      Instant afterAt;
      String afterId;

      @Override
      List<MoneyLinesCsv.Row> nextPage() {
        List<KnownMove> page = money.movesBetween(merchantId, from, to, afterAt, afterId, PAGE);
        if (page.isEmpty()) {
          return List.of();
        }
        afterAt = page.get(page.size() - 1).at();
        afterId = page.get(page.size() - 1).id();
        return page.stream()
            .map(
                m ->
                    new MoneyLinesCsv.Row(
                        m.at(),
                        m.kind(),
                        m.merchantId(),
                        m.capture() ? m.amount() : -m.amount(),
                        m.currency(),
                        m.paymentId(),
                        m.capture() ? m.id() : m.captureId(),
                        m.capture() ? null : m.id(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
            .toList();
      }
    };
  }

  private Iterator<MoneyLinesCsv.Row> lines(String merchantId, Instant from, Instant to) {
    return new Paged<>() {
      final Deque<SettlementStore.PayoutRef> payouts = new ArrayDeque<>();
      SettlementStore.PayoutRef last;
      boolean payoutsDone;
      SettlementStore.PayoutRef current;
      int seq;

      @Override
      List<MoneyLinesCsv.Row> nextPage() {
        while (true) {
          if (current == null) {
            if (payouts.isEmpty() && !payoutsDone) {
              List<SettlementStore.PayoutRef> page =
                  store.payoutsBetween(merchantId, from, to, last, PAGE);
              payoutsDone = page.size() < PAGE;
              payouts.addAll(page);
              if (!page.isEmpty()) {
                last = page.get(page.size() - 1);
              }
            }
            current = payouts.poll();
            seq = 0;
            if (current == null) {
              return List.of();
            }
          }
          var rows = store.linePage(current, seq, PAGE);
          seq += rows.size();
          if (rows.size() < PAGE) {
            current = null;
          }
          if (!rows.isEmpty()) {
            return rows;
          }
        }
      }
    };
  }

  /** An iterator that asks for the next page when the last one is used up (empty: the end). */
  abstract static class Paged<T> implements Iterator<T> {
    private Iterator<T> page = List.<T>of().iterator();
    private boolean done;

    abstract List<T> nextPage();

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && !done) {
        List<T> next = nextPage();
        done = next.isEmpty();
        page = next.iterator();
      }
      return page.hasNext();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.next();
    }
  }
}
