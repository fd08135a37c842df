package io.meshdesk.platform.errors;

/** A rate limit or quota was hit; retrying later may succeed. */
public class ResourceExhaustedException extends DomainException {

  private static final long serialVersionUID = 1L;

  public ResourceExhaustedException(String message) {
    super(message);
  }

  public ResourceExhaustedException(String message, Throwable cause) {
    super(message, cause);
  }
}
