package com.stepup.gateway.platform;

import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} of a request whose resource writes the key's claim and answer in its
 * own transactions ({@link Idempotent.ClaimedByResource}), so that they commit with its work: the
 * claim with the first write, the answer with the write that records the outcome. The filter has
 * validated the key and answered replays, 409 and 422 from what was stored; it keeps for the key
 * what the resource did not write (as for any {@link Idempotent} resource), and forgets a claim
 * whose answer it does not keep. {@link #NONE} when the request has no key: every method does
 * nothing.
 */
public interface IdempotencyClaim {

  /** An answer as the filter keeps and replays it. */
  record Answer(int status, String type, String location, String body) {}

  /**
   * Writes the claim in the caller's transaction (on its own outside one); nothing when it is
   * written already. Throws {@link IdempotencyKeyTaken} when another request holds the key: the
   * caller's transaction must roll back, and the caller answers whatever the filter makes of it.
   */
  void claim();

  /**
   * Writes the answer in the caller's transaction (on its own outside one), with the claim when
   * that is not written yet; an answer the filter does not keep (a 4xx, a 202, a 500, a 503) is not
   * written. Throws {@link IdempotencyKeyTaken} as {@link #claim()} does.
   */
  void answer(Answer answer);

  /** The answer written (once its transaction committed), for the response to carry exactly. */
  Optional<Answer> answered();

  /** No key: nothing to write. */
  IdempotencyClaim NONE =
      new IdempotencyClaim() {
        @Override
        public void claim() {}

        @Override
        public void answer(Answer answer) {}

        @Override
        public Optional<Answer> answered() {
          return Optional.empty();
        }
      };

  /**
   * Another request holds the key (it claimed it first): the work of this one rolls back, and the
   * filter answers it from what that request stored (409 while it runs, its answer once done, 422
   * for another body).
   */
  final class IdempotencyKeyTaken extends ApiProblem {
    public IdempotencyKeyTaken() {
      super(
          409,
          "https://stepup.dev/problems/idempotency-key-in-use",
          "Idempotency-Key in use",
          "The first request with this Idempotency-Key is still running; send it again after"
              + " Retry-After seconds to get its answer.",
          List.of());
    }
  }
}
