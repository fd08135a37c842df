package io.meshdesk.platform.errors;

/**
 * Base of the expected failures that domain code raises. Each subclass maps to exactly one gRPC
 * status in {@link io.meshdesk.platform.grpc.StatusMapper}; domain code never imports gRPC.
 */
public abstract class DomainException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected DomainException(String message) {
    super(message, null, false, false);
  }

  protected DomainException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
