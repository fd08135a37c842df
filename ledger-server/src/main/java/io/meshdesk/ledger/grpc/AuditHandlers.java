package io.meshdesk.ledger.grpc;

import static io.meshdesk.ledger.grpc.RequestMapper.optionalUuid;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.WatchAuditRequest;
import io.meshdesk.api.ledger.v1.WatchAuditResponse;
import io.meshdesk.ledger.audit.AuditCancelledException;
import io.meshdesk.ledger.audit.AuditListener;
import io.meshdesk.ledger.audit.AuditReport;
import io.meshdesk.ledger.audit.AuditService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit RPCs: the one-shot audit, and the same audit streaming its progress. */
final class AuditHandlers {

  private static final Logger log = LoggerFactory.getLogger(AuditHandlers.class);

  /** Violations listed when the request leaves {@code max_violations} at 0. */
  private static final int DEFAULT_MAX_VIOLATIONS = 1000;

  private final AuditService audit;

  AuditHandlers(AuditService audit) {
    this.audit = audit;
  }

  AuditResponse audit(AuditRequest r) {
    return AuditMapper.audit(
        audit.audit(
            Caller.tenant(),
            optionalUuid("card_id", r.getCardId()),
            maxViolations(r.getMaxViolations())));
  }

  /** Streams the audit's progress, then its result; stops auditing when the caller goes away. */
  void watch(WatchAuditRequest r, StreamObserver<WatchAuditResponse> out) {
    var call = (ServerCallStreamObserver<WatchAuditResponse>) out;
    // With a cancel handler set, a message sent after the caller left is dropped instead of
    // thrown; the audit notices the cancellation at its next check and stops.
    call.setOnCancelHandler(() -> log.debug("audit stream cancelled by its caller"));
    AuditListener listener =
        new AuditListener() {
          @Override
          public void progress(Progress p) {
            call.onNext(AuditMapper.progress(p));
          }

          @Override
          public boolean cancelled() {
            return call.isCancelled();
          }
        };
    AuditReport report;
    try {
      report =
          audit.audit(
              Caller.tenant(),
              optionalUuid("card_id", r.getCardId()),
              maxViolations(r.getMaxViolations()),
              listener);
    } catch (AuditCancelledException e) {
      log.debug("audit stopped: {}", e.getMessage());
      return;
    }
    call.onNext(AuditMapper.result(report));
    call.onCompleted();
  }

  private static int maxViolations(int requested) {
    return requested == 0 ? DEFAULT_MAX_VIOLATIONS : requested;
  }
}
