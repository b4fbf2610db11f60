package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.chaos.GroundTruth.Violation;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the run leaves beside its report for whoever reads a violation: {@code chaos-calls.tsv},
 * every partner call and shopper action one a line, and {@code chaos-evidence/<payment>.txt} for
 * each violation, what both sides hold, read while the servers still run.
 */
final class Evidence {

  private final Http http;
  private final Ledger ledger;
  private final Path dir;

  /** Written into {@code dir}: beside the kill log when there is one, else beside the report. */
  Evidence(Http http, Ledger ledger, Path dir) {
    this.http = http;
    this.ledger = ledger;
    this.dir = dir;
  }

  /**
   * For each violation, the payment, its captures, refunds and timeline, Klarna's transaction and
   * request, and the run's own calls about it.
   */
  void keep(List<Violation> violations, Quiet.Result settled) throws IOException {
    Path evidence = dir.resolve("chaos-evidence");
    Files.createDirectories(evidence);
    for (Violation v : violations) {
      for (String id : v.paymentId().split(",\\s*")) {
        if (id.startsWith("pay_")) {
          Files.writeString(
              evidence.resolve(id + ".txt"), of(v, id, settled), StandardCharsets.UTF_8);
        }
      }
    }
    if (!violations.isEmpty()) {
      System.out.println("Evidence of each violation in " + evidence);
    }
  }

  private String of(Violation v, String id, Quiet.Result settled) {
    StringBuilder e = new StringBuilder("violation: " + v + "\n\n");
    for (String path : List.of("", "/captures", "/refunds", "/timeline")) {
      String url = "/api/v1/payments/" + id + path;
      e.append("GET ").append(url).append('\n');
      e.append(http.partner("GET", url, null, null).body()).append("\n\n");
    }
    e.append("Klarna transactions: ").append(settled.transactions().get(id)).append("\n\n");
    JsonObject payment = settled.payments().get(id);
    String pr = payment == null ? null : Quiet.requestId(payment);
    if (pr != null) {
      e.append("Klarna request: ").append(settled.requests().get(pr)).append("\n\n");
    }
    e.append("the run's calls and shopper actions:\n");
    String reference = payment == null ? null : payment.getString("reference");
    ledger.ops.stream()
        .filter(o -> id.equals(o.paymentId()) || o.reference().equals(reference))
        .forEach(
            o -> e.append(Instant.ofEpochMilli(o.atMillis())).append(' ').append(o).append('\n'));
    ledger.shopper.stream()
        .filter(sh -> sh.reference().equals(reference))
        .forEach(
            sh ->
                e.append(Instant.ofEpochMilli(sh.atMillis())).append(' ').append(sh).append('\n'));
    return e.toString();
  }

  /** {@code chaos-calls.tsv}: every partner call and shopper action of the run. */
  void writeCalls() throws IOException {
    Files.writeString(dir.resolve("chaos-calls.tsv"), calls(ledger), StandardCharsets.UTF_8);
  }

  static String calls(Ledger ledger) {
    Stream<String> ops =
        ledger.ops().stream()
            .map(
                o ->
                    tsv(
                        Instant.ofEpochMilli(o.atMillis()),
                        o.reference(),
                        o.paymentId(),
                        o.kind(),
                        o.replay(),
                        o.key(),
                        o.label(),
                        o.objectId(),
                        o.note() == null ? "" : o.note().replace('\n', ' ')));
    Stream<String> shopper =
        ledger.shopper.stream()
            .map(
                sh ->
                    tsv(
                        Instant.ofEpochMilli(sh.atMillis()),
                        sh.reference(),
                        "",
                        "shopper " + sh.action(),
                        "",
                        "",
                        sh.status() + " " + sh.state(),
                        sh.requestId(),
                        ""));
    return tsv("at", "reference", "payment", "kind", "replay", "key", "answer", "id", "note")
        + Stream.concat(ops, shopper).collect(Collectors.joining());
  }

  private static String tsv(Object... cells) {
    return Stream.of(cells).map(String::valueOf).collect(Collectors.joining("\t")) + "\n";
  }
}
