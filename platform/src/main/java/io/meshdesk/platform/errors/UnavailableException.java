package io.meshdesk.platform.errors;

/** A dependency (PostgreSQL, Redis, a gateway) cannot be reached; retrying later may succeed. */
public class UnavailableException extends DomainException {

  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
