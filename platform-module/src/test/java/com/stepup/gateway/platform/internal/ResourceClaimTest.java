package com.stepup.gateway.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.platform.IdempotencyClaim.Answer;
import com.stepup.gateway.platform.IdempotencyClaim.IdempotencyKeyTaken;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 31: the claim a resource writes itself, on the key table as the migration makes it (H2),
 * inside a transaction the test opens and ends: what a rolled-back transaction wrote counts as
 * never written, a key another request holds is lost, and only an answer the filter keeps is
 * written.
 */
class ResourceClaimTest {

  static final Answer CREATED = new Answer(201, "application/json", "/api/v1/payments/p1", "{}");

  IdempotencyKeys keys;
  FakeTransactions transactions;
  ResourceClaim claim;

  /** One transaction at a time, ended by the test. */
  static final class FakeTransactions implements TransactionSynchronizationRegistry {
    Object key;
    final List<Synchronization> synchronizations = new ArrayList<>();

    void begin() {
      key = new Object();
    }

    void end(boolean committed) {
      key = null;
      synchronizations.forEach(
          s -> s.afterCompletion(committed ? Status.STATUS_COMMITTED : Status.STATUS_ROLLEDBACK));
      synchronizations.clear();
    }

    @Override
    public Object getTransactionKey() {
      return key;
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
      synchronizations.add(sync);
    }

    @Override
    public void putResource(Object key, Object value) {}

    @Override
    public Object getResource(Object key) {
      return null;
    }

    @Override
    public int getTransactionStatus() {
      return key == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
    }

    @Override
    public void setRollbackOnly() {}

    @Override
    public boolean getRollbackOnly() {
      return false;
    }
  }

  @BeforeEach
  void table() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection();
        var in =
            getClass()
                .getResourceAsStream(
                    "/db/migration/platform/V2026_11_22_0400__idempotency_keys.sql")) {
      String script =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
      for (String statement : script.split(";")) {
        if (!statement.isBlank()) {
          c.createStatement().execute(statement);
        }
      }
    }
    keys = new IdempotencyKeys();
    keys.dataSource = h2;
    keys.clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    keys.retentionHours = 48;
    keys.runningTimeoutSeconds = 120;
    transactions = new FakeTransactions();
    claim = resourceClaim();
  }

  ResourceClaim resourceClaim() {
    ResourceClaim c = new ResourceClaim();
    c.keys = keys;
    c.transactions = transactions;
    c.toClaim("mer_1", "k1", "hash-1");
    return c;
  }

  @Test
  void theClaimIsWrittenRunningAndTheAnswerDoneAndTheResponseCarriesIt() {
    transactions.begin();
    claim.claim();
    transactions.end(true);
    assertThat(keys.find("mer_1", "k1"))
        .get()
        .extracting(IdempotencyKeys.Entry::done)
        .isEqualTo(false);
    assertThat(claim.state()).isEqualTo(ResourceClaim.State.CLAIMED);

    transactions.begin();
    claim.answer(CREATED);
    transactions.end(true);
    IdempotencyKeys.Entry entry = keys.find("mer_1", "k1").orElseThrow();
    assertThat(entry.done()).isTrue();
    assertThat(entry.requestHash()).isEqualTo("hash-1");
    assertThat(new Answer(entry.status(), entry.type(), entry.location(), entry.body()))
        .isEqualTo(CREATED);
    assertThat(claim.answered()).contains(CREATED);
  }

  @Test
  void whatARolledBackTransactionWroteCountsAsNeverWritten() {
    transactions.begin();
    claim.claim();
    claim.answer(CREATED);
    transactions.end(false);
    keys.release("mer_1", "k1"); // the database's rollback (the test's H2 connection auto-commits)
    assertThat(claim.state()).isEqualTo(ResourceClaim.State.TO_CLAIM);
    assertThat(claim.answered()).isEmpty();

    transactions.begin();
    claim.claim();
    transactions.end(true);
    transactions.begin();
    claim.answer(CREATED);
    transactions.end(false);
    assertThat(claim.state())
        .as("the claim stands, its answer not")
        .isEqualTo(ResourceClaim.State.CLAIMED);
  }

  @Test
  void aKeyAnotherRequestHoldsIsLostAndStaysLost() {
    assertThat(keys.insert("mer_1", "k1", "hash-1", null)).isTrue();
    transactions.begin();
    assertThatThrownBy(claim::claim).isInstanceOf(IdempotencyKeyTaken.class);
    transactions.end(false);
    assertThat(claim.state()).isEqualTo(ResourceClaim.State.LOST);
    assertThatThrownBy(() -> claim.answer(CREATED)).isInstanceOf(IdempotencyKeyTaken.class);
    assertThat(claim.answered()).isEmpty();
  }

  @Test
  void anAnswerThatIsNotKeptIsNotWritten() {
    for (int status : new int[] {202, 400, 409, 422, 500, 503}) {
      claim.answer(new Answer(status, "application/problem+json", null, "{}"));
    }
    assertThat(keys.find("mer_1", "k1")).isEmpty();
    assertThat(claim.state()).isEqualTo(ResourceClaim.State.TO_CLAIM);
  }

  @Test
  void anAnswerOutsideATransactionWritesTheClaimAndTheAnswerAtOnce() {
    claim.answer(CREATED);
    assertThat(keys.find("mer_1", "k1"))
        .get()
        .extracting(IdempotencyKeys.Entry::done)
        .isEqualTo(true);
    assertThat(claim.answered()).contains(CREATED);
  }

  @Test
  void aClaimTheFilterTookOverIsNotWrittenAgainAndTakesItsAnswer() {
    keys.insert("mer_1", "k1", "hash-1", null);
    ResourceClaim held = new ResourceClaim();
    held.keys = keys;
    held.transactions = transactions;
    held.held("mer_1", "k1", "hash-1");
    held.claim();
    held.answer(CREATED);
    assertThat(keys.find("mer_1", "k1").orElseThrow().body()).isEqualTo("{}");
    assertThat(held.answered()).contains(CREATED);
  }

  @Test
  void aUniqueViolationOrALockTimeOutMeansTaken() {
    assertThat(IdempotencyKeys.taken(new SQLException("dup", "23505"))).isTrue();
    assertThat(IdempotencyKeys.taken(new SQLException("h2 lock", "50200"))).isTrue();
    assertThat(IdempotencyKeys.taken(new SQLException("pg lock", "55P03"))).isTrue();
    assertThat(IdempotencyKeys.taken(new SQLException("down", "08006"))).isFalse();
  }
}
