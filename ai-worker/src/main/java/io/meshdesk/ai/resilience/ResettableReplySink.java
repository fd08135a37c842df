package io.meshdesk.ai.resilience;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A reply-text consumer that can be told to throw away what it has received so far.
 *
 * <p>A streamed draft can fail half-way: Gemini may send the first sentences and then time out.
 * When the draft is then retried or produced by the fallback drafter, the drafter first calls
 * {@link #reset()} and streams the new reply from its beginning. The contract for a consumer that
 * passes a {@code ResettableReplySink} to {@link io.meshdesk.ai.drafting.Drafter#draft} is: the
 * chunks received after the last {@code reset()} concatenate to {@code Draft.reply()}.
 *
 * <p>A plain {@link Consumer} cannot be reset; it may then see the partial text of a failed attempt
 * followed by the complete reply of the drafter that succeeded, and should take {@code
 * Draft.reply()} as the final text once {@code draft} returns.
 */
public interface ResettableReplySink extends Consumer<String> {

  /** Discards all reply text received so far; the following chunks start the reply anew. */
  void reset();

  /** A sink that passes chunks to {@code onText} and resets with {@code onReset}. */
  static ResettableReplySink of(Consumer<String> onText, Runnable onReset) {
    Objects.requireNonNull(onText, "onText");
    Objects.requireNonNull(onReset, "onReset");
    return new ResettableReplySink() {
      @Override
      public void accept(String text) {
        onText.accept(text);
      }

      @Override
      public void reset() {
        onReset.run();
      }
    };
  }
}
