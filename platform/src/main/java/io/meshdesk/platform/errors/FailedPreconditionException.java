package io.meshdesk.platform.errors;

/**
 * The request is well formed but the system is not in a state that allows it (an illegal ticket
 * transition, a purchase over the credit limit). {@link #reason()} is a stable machine-readable
 * code such as {@code INSUFFICIENT_CREDIT}.
 */
public class FailedPreconditionException extends DomainException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public FailedPreconditionException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Stable machine-readable reason code. */
  public String reason() {
    return reason;
  }
}
