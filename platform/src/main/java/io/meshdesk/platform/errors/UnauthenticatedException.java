package io.meshdesk.platform.errors;

/** The caller presented no credentials, or credentials that are not valid. */
public class UnauthenticatedException extends DomainException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public UnauthenticatedException(String message) {
    this("", message);
  }

  /**
   * @param reason stable machine-readable reason a client acts on (e.g. TOKEN_EXPIRED: refresh the
   *     token and retry), carried in {@code google.rpc.ErrorInfo}; empty for none
   */
  public UnauthenticatedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public UnauthenticatedException(String message, Throwable cause) {
    super(message, cause);
    this.reason = "";
  }

  /** Stable machine-readable reason code; empty when there is none. */
  public String reason() {
    return reason;
  }
}
