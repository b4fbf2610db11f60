package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.CaptureMode;
import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.PaymentMethod;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStats;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.payments.TimelineArg;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ConsoleViewsTest {

  static final DashboardController.Period PERIOD =
      new DashboardController.Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22));

  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static PaymentView payment(PaymentStatus status, PaymentRequestState state, Instant updated) {
    return new PaymentView(
        "pay_1",
        "mer_1",
        status,
        PaymentMethod.QR_CODE,
        11805,
        "USD",
        "=HYPERLINK(\"x\")",
        "sto_1",
        "store, 1",
        "ter_1",
        "till-7",
        null,
        new PaymentView.Klarna(
            "STEP_UP_REQUIRED",
            "krn:payment:eu1:request:1",
            state,
            null,
            "https://klarna.example/qr.png",
            "https://klarna.example/start",
            null,
            NOW.plusSeconds(3600),
            null,
            status == PaymentStatus.AUTHORIZED ? "krn:payment:eu1:transaction:1" : null,
            status == PaymentStatus.AUTHORIZED ? "AUTHORIZED" : null,
            null),
        "he said \"no\"",
        NOW.minusSeconds(60),
        updated,
        CaptureMode.AUTOMATIC,
        PaymentView.Amounts.NONE);
  }

  @Test
  void theDisplayShowsTheQrThenWaitsThenTheResultThenIdle() {
    String qr = "/display/t/qr.svg";
    assertThat(DisplayState.of(Optional.empty(), CLOCK, qr).getString("view")).isEqualTo("idle");
    var submitted =
        DisplayState.of(
            Optional.of(payment(PaymentStatus.PENDING, PaymentRequestState.SUBMITTED, NOW)),
            CLOCK,
            qr);
    assertThat(submitted.getString("view")).isEqualTo("qr");
    assertThat(submitted.getString("amount")).isEqualTo("$118.05");
    assertThat(submitted.getString("qr_image_url")).startsWith(qr + "?p=").doesNotContain("pay_1");
    assertThat(submitted.getJsonNumber("expires_in_seconds").longValue())
        .as("the real time left of the journey, by the gateway's clock, not a fixed 3 hours")
        .isEqualTo(3600);
    assertThat(
            DisplayState.of(
                    Optional.of(
                        payment(PaymentStatus.PENDING, PaymentRequestState.IN_PROGRESS, NOW)),
                    CLOCK,
                    qr)
                .getString("view"))
        .isEqualTo("waiting");
    assertThat(
            DisplayState.of(
                    Optional.of(payment(PaymentStatus.PENDING, PaymentRequestState.COMPLETED, NOW)),
                    CLOCK,
                    qr)
                .getString("view"))
        .as("approved, being finalized")
        .isEqualTo("waiting");
    var result =
        DisplayState.of(
            Optional.of(
                payment(PaymentStatus.DECLINED, PaymentRequestState.DECLINED, NOW.minusSeconds(5))),
            CLOCK,
            qr);
    assertThat(result.getString("view")).isEqualTo("result");
    assertThat(result.getString("result")).isEqualTo("declined");
    assertThat(result.toString()).doesNotContain("pay_1").doesNotContain("krn:");
    assertThat(
            DisplayState.of(
                    Optional.of(
                        payment(
                            PaymentStatus.AUTHORIZED,
                            PaymentRequestState.COMPLETED,
                            NOW.minus(DisplayState.RESULT_FOR).minusSeconds(1))),
                    CLOCK,
                    qr)
                .getString("view"))
        .isEqualTo("idle");
  }

  @Test
  void csvQuotesWhatNeedsQuotingAndDefusesFormulas() {
    String row =
        PaymentsCsv.row(
            payment(PaymentStatus.FAILED, PaymentRequestState.DECLINED, NOW), "Shoes, Inc.");
    assertThat(row)
        .startsWith("pay_1,2026-11-22T09:59:00Z,mer_1,\"store, 1\",till-7,")
        .contains(",\"'=HYPERLINK(\"\"x\"\")\",")
        .contains(",QR_CODE,failed,11805,USD,118.05,DECLINED,krn:payment:eu1:request:1,,")
        .endsWith(
            "\"he said \"\"no\"\"\",automatic,,0,0,,\"Shoes, Inc.\",none,0.00,0.00,2026-11-22T09:59:00+00:00,UTC,"
                + "0,0,0.00,0.00\r\n");
    assertThat(PaymentsCsv.HEADER.split(","))
        .hasSize(row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)").length);
    assertThat(PaymentsCsv.cell(null)).isEmpty();
    assertThat(PaymentsCsv.fileName(LocalDate.of(2026, 12, 1), Map.of()))
        .isEqualTo("payments-2026-12-01.csv");
    assertThat(
            PaymentsCsv.fileName(LocalDate.of(2026, 12, 1), Map.of("from", "2026-11-01", "to", "")))
        .isEqualTo("payments-2026-11-01_to_now-made-2026-12-01.csv");
    assertThat(PaymentsCsv.cell("-1")).isEqualTo("'-1");
  }

  @Test
  void aMoneyMovementIsADatedRowInTheMerchantsZoneWithMajorAndMinorUnits() throws Exception {
    PaymentView sale =
        new PaymentView(
            "pay_9",
            "mer_1",
            PaymentStatus.AUTHORIZED,
            PaymentMethod.HANDOVER,
            4000,
            "EUR",
            "order-9",
            "sto_1",
            "web",
            null,
            null,
            null,
            new PaymentView.Klarna(
                "APPROVED",
                "krn:r",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "krn:t",
                "COMPLETED",
                null),
            null,
            NOW.minusSeconds(86_400 * 7),
            NOW,
            CaptureMode.MANUAL,
            new PaymentView.Amounts(4000, 4000, 1250, 0, 2750));
    var refund =
        new MoneyMovement(
            "ref_1",
            "pay_9",
            "refund",
            "succeeded",
            1250,
            null,
            "damaged",
            "krn:refund:1",
            null,
            NOW.minusSeconds(5),
            NOW,
            false);
    String row =
        MovementsCsv.row(
            new MoneyMovement.OfPayment(sale, refund), ZoneId.of("Europe/Berlin"), "Shoes");
    assertThat(row)
        .isEqualTo(
            "2026-11-22T11:00:00+01:00,Europe/Berlin,refund,1250,12.50,-12.50,EUR,ref_1,pay_9,"
                + "order-9,web,,damaged,krn:refund:1,false,partially_refunded,"
                + "2026-11-22T10:00:00Z,Shoes\r\n");
    assertThat(MovementsCsv.header(ZoneId.of("Europe/Berlin")))
        .startsWith("occurred_at (Europe/Berlin),time_zone,kind,amount_minor,amount_major,");
    assertThat(MovementsCsv.header(ZoneId.of("Europe/Berlin")).split(","))
        .hasSameSizeAs(row.split(","));

    // a dispute's hold and its return when won, merged by time with the refund between them
    var hold = dispute("dispute_hold", NOW.minusSeconds(60));
    var won = dispute("dispute_won", NOW.plusSeconds(60));
    Payments payments =
        (Payments)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Payments.class},
                (proxy, method, args) -> {
                  boolean first = (int) args[4] == 0;
                  return switch (method.getName()) {
                    case "movementsBetween" ->
                        first ? List.of(new MoneyMovement.OfPayment(sale, refund)) : List.of();
                    case "disputeMovementsBetween" ->
                        first
                            ? List.of(
                                new MoneyMovement.OfPayment(sale, hold),
                                new MoneyMovement.OfPayment(sale, won))
                            : List.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                  };
                });
    var out = new ByteArrayOutputStream();
    MovementsCsv.write(
        payments, "mer_1", null, null, null, ZoneId.of("Europe/Berlin"), Map.of(), Map.of(), out);
    List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\r\n"));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).contains(",dispute_hold,4000,40.00,-40.00,EUR,dsp_1,pay_9,");
    assertThat(lines.get(2)).contains(",refund,1250,12.50,-12.50,EUR,ref_1,");
    assertThat(lines.get(3)).contains(",dispute_won,4000,40.00,40.00,EUR,dsp_1,");
    assertThat(MovementsCsv.signed("dispute_lost", 4000)).as("the hold took it already").isZero();
    assertThat(MovementsCsv.signed("capture", 4000)).isEqualTo(4000);
    assertThat(MovementsCsv.signed("release", 4000)).isZero();
  }

  private static MoneyMovement dispute(String kind, Instant at) {
    return new MoneyMovement(
        "dsp_1", "pay_9", kind, "succeeded", 4000, null, null, null, null, at, at, true);
  }

  @Test
  void timesNameTheirZoneAsPeopleKnowIt() {
    var times = new ConsoleTemplates.TimesObject();
    Instant at = Instant.parse("2026-12-05T07:55:53Z");
    assertThat(times.local(at, ZoneId.of("America/Los_Angeles")))
        .isEqualTo("4 Dec 2026, 23:55:53 PST");
    assertThat(times.local(at, "Europe/Berlin")).isEqualTo("5 Dec 2026, 08:55:53 CET");
    assertThat(times.zoneName(ZoneId.of("America/New_York"))).matches("E[SD]T, America/New_York");
    assertThat(times.zoneName("UTC")).isEqualTo("UTC");
    assertThat(times.zoneName(null)).contains("each merchant");
  }

  @Test
  void theQrCodeIsAnSvgOfSquareModules() {
    String svg = DisplayQr.svg("https://klarna.example/pay/requests/123/start");
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    assertThat(svg).contains("h1v1h-1z").endsWith("</svg>");
    // finder patterns: the top-left 7x7 square starts at the 2-module margin
    assertThat(svg).contains("M2 2h1v1h-1zM3 2h1v1h-1z");
  }

  @Test
  void chartBarsAreScaledToTheLongest() {
    var stats =
        new PaymentStats(
            6,
            Map.of(PaymentStatus.AUTHORIZED, 4L, PaymentStatus.DECLINED, 2L),
            5,
            4,
            42L,
            List.of(
                new PaymentStats.StoreCount("a", 4, 3), new PaymentStats.StoreCount("b", 2, 1)));
    assertThat(DashboardController.outcomes(stats, PERIOD))
        .extracting(DashboardController.Bar::key, DashboardController.Bar::percent)
        .contains(
            Tuple.tuple("authorized", 100L),
            Tuple.tuple("declined", 50L),
            Tuple.tuple("failed", 0L));
    assertThat(DashboardController.stores(stats, PERIOD))
        .extracting(DashboardController.Bar::percent)
        .containsExactly(100L, 50L);
    assertThat(DashboardController.outcomes(stats, PERIOD).get(0).list())
        .as("a bar opens the list it counts")
        .containsEntry("from", "2026-11-16")
        .containsEntry("to", "2026-11-22")
        .containsKey("status");
    assertThat(stats.stepUpRate()).isEqualTo(83);
    assertThat(stats.conversion()).isEqualTo(80);
  }

  @Test
  void theLastFinalAuthorizationAnswerSaysWhetherItIsFailing() {
    BiFunction<TimelineEvent, String, TimelineEntry> e =
        (event, value) ->
            new TimelineEntry(
                1,
                NOW,
                TimelineEntry.Kind.KLARNA_CALL,
                event,
                List.of(TimelineArg.text(value)),
                event.english(List.of(TimelineArg.text(value))),
                null,
                PaymentStatus.PENDING,
                PaymentRequestState.COMPLETED);
    assertThat(
            PaymentsController.finalizationFailing(
                List.of(e.apply(TimelineEvent.AUTHORIZE_ANSWERED, "STEP_UP_REQUIRED"))))
        .isNull();
    assertThat(
            PaymentsController.finalizationFailing(
                List.of(e.apply(TimelineEvent.FINAL_AUTHORIZE_FAILED, "HTTP 500 TECHNICAL_ERROR"))))
        .isEqualTo("HTTP 500 TECHNICAL_ERROR");
    assertThat(
            PaymentsController.finalizationFailing(
                List.of(
                    e.apply(TimelineEvent.FINAL_AUTHORIZE_FAILED, "HTTP 500"),
                    e.apply(TimelineEvent.FINAL_AUTHORIZE_ANSWERED, "APPROVED"))))
        .isNull();
  }

  @Test
  void aTypedTimelineEntryIsSaidWithTheBundlesWordsAndItsValues() {
    var words = ConsoleTemplates.bundle();
    BiFunction<TimelineEvent, List<TimelineArg>, TimelineEntry> e =
        (event, args) ->
            new TimelineEntry(
                1,
                NOW,
                TimelineEntry.Kind.KLARNA_SIGNAL,
                event,
                args,
                "stored words are not read",
                null,
                PaymentStatus.PENDING,
                null);
    var rows =
        TimelineRows.of(
            List.of(
                e.apply(
                    TimelineEvent.REQUEST_SIGNAL_BECAUSE,
                    List.of(
                        TimelineArg.text("CANCELED"),
                        TimelineArg.text("PARTNER_CANCELED"),
                        TimelineArg.text("webhook"))),
                e.apply(
                    TimelineEvent.SUPERSEDED,
                    List.of(TimelineArg.text("pay_AbCdEf123456"), TimelineArg.text("till-1"))),
                e.apply(
                    TimelineEvent.KLARNA_CAPTURED,
                    List.of(TimelineArg.amount(4000, "USD"), TimelineArg.text("cap_1"))),
                e.apply(TimelineEvent.REQUEST_RECOVERED, List.of(TimelineArg.text("a read")))),
            words,
            "pay_self000000");
    assertThat(rows.get(0).text())
        .isEqualTo("Klarna request canceled (canceled by the partner) from webhook");
    assertThat(rows.get(1).parts())
        .extracting(TimelineRows.Part::text)
        .containsExactly("Superseded by ", "pay_AbCdEf123456", " on terminal till-1: canceling");
    assertThat(rows.get(1).parts().get(1).payment()).isTrue();
    assertThat(rows.get(2).text()).isEqualTo("Klarna captured $40.00 (cap_1)");
    assertThat(rows.get(3).text())
        .isEqualTo("Klarna's Payment Request taken from a read (the authorize's answer was lost)");
  }

  @Test
  void theDashboardsPeriodIsWholeDaysInTheMerchantsZoneAndSaysWhatItCouldNotRead() {
    var today = LocalDate.of(2026, 12, 3); // a Thursday
    var notes = new ArrayList<String>();
    var week = DashboardController.Period.of(null, null, today, notes);
    assertThat(week.from()).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(week.to()).isEqualTo(today);
    assertThat(notes).isEmpty();
    var stockholm = ZoneId.of("Europe/Stockholm");
    assertThat(week.start(stockholm)).isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
    assertThat(week.end(stockholm)).isEqualTo(Instant.parse("2026-12-03T23:00:00Z"));

    var bad = DashboardController.Period.of("2026-13-01", "2026-12-31", today, notes);
    assertThat(bad.to()).as("no future").isEqualTo(today);
    assertThat(notes).singleElement().asString().contains("2026-13-01", "not a date");

    notes.clear();
    var backwards = DashboardController.Period.of("2026-12-02", "2026-11-01", today, notes);
    assertThat(backwards.from()).isEqualTo(backwards.to());
    assertThat(notes).hasSize(1);
  }

  @Test
  void theTimelineSaysEnumsInWordsLinksOtherPaymentsAndFoldsRepeats() {
    var words = ConsoleTemplates.bundle();
    BiFunction<String, String, TimelineEntry> e =
        (summary, detail) ->
            new TimelineEntry(
                1,
                NOW,
                TimelineEntry.Kind.KLARNA_SIGNAL,
                summary,
                detail,
                PaymentStatus.PENDING,
                null);
    var rows =
        TimelineRows.of(
            List.of(
                e.apply("Klarna says CANCELED (PARTNER_CANCELED)", "{\"a\":1,\"b\":[2]}"),
                e.apply("Superseded by pay_AbCdEf123456 on terminal till-1: canceling", null),
                e.apply("Read: no change", null),
                e.apply("Read: no change", null),
                e.apply("Read: no change", null)),
            words,
            "pay_self000000");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).text()).isEqualTo("Klarna says canceled (canceled by the partner)");
    assertThat(rows.get(0).detail()).contains("\n").contains("\"a\": 1");
    assertThat(rows.get(1).parts())
        .extracting(TimelineRows.Part::payment)
        .containsExactly(false, true, false);
    assertThat(rows.get(1).parts().get(1).text()).isEqualTo("pay_AbCdEf123456");
    assertThat(rows.get(2).times()).isEqualTo(3);
    assertThat(TimelineRows.pretty("HTTP 500 not json")).isEqualTo("HTTP 500 not json");
  }

  @Test
  void aPaymentsSearchSaysWhatItCouldNotReadAndCountsDaysInTheMerchantsZone() {
    var form = new ConsolePaymentFilter();
    form.from = "2026-02-31";
    form.to = "2026-12-01";
    form.status = "paid";
    form.page = "two";
    form.size = "1000";
    assertThat(form.notes())
        .hasSize(3)
        .anyMatch(n -> n.contains("2026-02-31") && n.contains("From"))
        .anyMatch(n -> n.contains("paid"))
        .anyMatch(n -> n.contains("two"));
    assertThat(form.page()).isZero();
    assertThat(form.size()).isEqualTo(25);
    var filter = form.filter(NOW, ZoneId.of("America/New_York"));
    assertThat(filter.createdFrom()).isNull();
    assertThat(filter.createdTo()).isEqualTo(Instant.parse("2026-12-02T05:00:00Z"));

    form.from = "2026-12-02";
    form.status = null;
    form.page = "3";
    form.size = "50";
    assertThat(form.notes()).singleElement().asString().contains("before the From date");
    assertThat(form.page()).isEqualTo(3);
    assertThat(form.size()).isEqualTo(50);
  }

  @Test
  void timesAreShownInTheMerchantsZoneWithUtcBesideAndAgoInWords() {
    var times = new ConsoleTemplates.TimesObject();
    var at = Instant.parse("2026-12-01T13:05:09.123456Z");
    assertThat(times.local(at, "Europe/Stockholm")).isEqualTo("1 Dec 2026, 14:05:09 CET");
    assertThat(times.local(at, null)).isEqualTo("1 Dec 2026, 13:05:09 UTC");
    assertThat(times.utc(at)).isEqualTo("2026-12-01 13:05:09 UTC");
    assertThat(times.iso(at)).isEqualTo("2026-12-01T13:05:09Z");
    assertThat(times.ago(at, at.plusSeconds(12))).isEqualTo("12 s ago");
    assertThat(times.ago(at, at.plusSeconds(3 * 3600 + 5))).isEqualTo("3 h ago");
    assertThat(times.ago(at, at.plus(Duration.ofDays(2)))).isEqualTo("2 days ago");
    assertThat(times.recent(at, at.plusSeconds(60))).isTrue();
    assertThat(times.recent(at, at.plusSeconds(120))).isFalse();
    assertThat(ConsoleCaller.section("/console")).isEqualTo("dashboard");
    assertThat(ConsoleCaller.section("/console/payments/pay_1")).isEqualTo("payments");
  }

  @Test
  void theDisplayCountsDownFromTheRequestsExpiryWhateverTheJourneysLength() {
    assertThat(DisplayState.secondsLeft(NOW.plusSeconds(900), CLOCK)).isEqualTo(900);
    assertThat(DisplayState.secondsLeft(NOW.plusSeconds(172_800), CLOCK)).isEqualTo(172_800);
    assertThat(DisplayState.secondsLeft(NOW.minusSeconds(5), CLOCK)).as("passed").isZero();
    assertThat(DisplayState.secondsLeft(null, CLOCK)).as("no expiry named").isEqualTo(-1);
  }
}
