package io.meshdesk.platform.errors;

/** The caller presented no credentials, or credentials that are not valid. */
public class UnauthenticatedException extends DomainException {

  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(message);
  }

  public UnauthenticatedException(String message, Throwable cause) {
    super(message, cause);
  }
}
