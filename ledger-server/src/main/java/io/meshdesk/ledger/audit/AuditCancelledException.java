package io.meshdesk.ledger.audit;

/** The audit stopped because its {@link AuditListener} said nobody waits for it any more. */
public final class AuditCancelledException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  AuditCancelledException() {
    super("audit cancelled by its caller");
  }
}
