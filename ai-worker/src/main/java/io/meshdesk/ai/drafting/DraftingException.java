package io.meshdesk.ai.drafting;

/**
 * A drafter could not produce a draft; {@link #retryable()} tells whether trying again may help.
 */
public class DraftingException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public DraftingException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public DraftingException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  /** Whether the same request may succeed if tried again (timeouts, 429, 5xx). */
  public boolean retryable() {
    return retryable;
  }
}
