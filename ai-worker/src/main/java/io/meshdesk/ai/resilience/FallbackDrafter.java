package io.meshdesk.ai.resilience;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.Drafter;
import io.meshdesk.ai.drafting.DraftingException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Drafts with a primary drafter (Gemini) behind a {@link CircuitBreaker}, and with a fallback
 * drafter (offline) when the breaker is open or the primary fails.
 *
 * <p>{@link Draft#drafter()} of the returned draft names the drafter that actually produced it.
 *
 * <p>Streaming: the primary streams straight to the caller's consumer, nothing is buffered. If it
 * fails after some reply text was delivered, the fallback's reply is delivered too, after {@link
 * ResettableReplySink#reset()} when the consumer is a {@link ResettableReplySink}; so a resettable
 * consumer always ends with exactly the final reply, and a plain consumer should replace what it
 * shows with {@code Draft.reply()} when the call returns.
 *
 * <p>An exception thrown by the caller's consumer propagates and is not counted against the
 * primary. Thread-safe when both drafters are.
 */
public final class FallbackDrafter implements Drafter {

  private static final System.Logger LOG = System.getLogger(FallbackDrafter.class.getName());

  private final Drafter primary;
  private final Drafter fallback;
  private final CircuitBreaker breaker;

  /**
   * @param primary the preferred drafter
   * @param fallback used while the breaker is open or when the primary fails
   * @param breaker tracks the primary's health
   */
  public FallbackDrafter(Drafter primary, Drafter fallback, CircuitBreaker breaker) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
  }

  @Override
  public Draft draft(DraftRequest request, Consumer<String> onReplyText) throws DraftingException {
    if (!breaker.tryAcquire()) {
      return fallback.draft(request, onReplyText);
    }
    TrackingSink tracking =
        onReplyText instanceof ResettableReplySink r
            ? new ResettableTrackingSink(r)
            : new TrackingSink(onReplyText);
    Exception primaryFailure;
    try {
      Draft draft = primary.draft(request, tracking);
      breaker.onSuccess();
      return draft;
    } catch (DraftingException e) {
      primaryFailure = e;
    } catch (RuntimeException e) {
      if (tracking.consumerFailed) {
        breaker.release();
        throw e;
      }
      primaryFailure = e; // a bug in the primary should cost a draft no more than an outage
    }
    breaker.onFailure();
    Exception failure = primaryFailure;
    LOG.log(
        Level.INFO,
        () -> primary.name() + " failed, drafting with " + fallback.name() + ": " + failure);
    if (tracking.delivered && onReplyText instanceof ResettableReplySink r) {
      r.reset();
    }
    try {
      return fallback.draft(request, onReplyText);
    } catch (DraftingException | RuntimeException e) {
      e.addSuppressed(failure);
      throw e;
    }
  }

  /** {@code primary+fallback}, e.g. {@code gemini-2.5-flash+offline-bm25}. */
  @Override
  public String name() {
    return primary.name() + "+" + fallback.name();
  }

  /** The breaker guarding the primary (for health reporting). */
  public CircuitBreaker breaker() {
    return breaker;
  }

  /** Passes chunks on and remembers whether any were delivered and whether the consumer threw. */
  private static class TrackingSink implements Consumer<String> {
    final Consumer<String> target;
    volatile boolean delivered;
    volatile boolean consumerFailed;

    TrackingSink(Consumer<String> target) {
      this.target = target;
    }

    @Override
    public void accept(String text) {
      try {
        target.accept(text);
      } catch (RuntimeException e) {
        consumerFailed = true;
        throw e;
      }
      delivered = true;
    }
  }

  /** Keeps the caller's consumer resettable for the primary's own retries. */
  private static final class ResettableTrackingSink extends TrackingSink
      implements ResettableReplySink {
    ResettableTrackingSink(ResettableReplySink target) {
      super(target);
    }

    @Override
    public void reset() {
      ((ResettableReplySink) target).reset();
      delivered = false;
    }
  }
}
