package io.meshdesk.platform.errors;

/** The caller is authenticated but may not do this. */
public class PermissionDeniedException extends DomainException {

  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(message);
  }

  public PermissionDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
