package io.meshdesk.platform.errors;

/** An entity with the same unique key already exists. */
public class AlreadyExistsException extends DomainException {

  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(message);
  }

  public AlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
