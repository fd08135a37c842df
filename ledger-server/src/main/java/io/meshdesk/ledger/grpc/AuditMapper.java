package io.meshdesk.ledger.grpc;

import static io.meshdesk.platform.proto.ProtoTime.timestamp;

import io.meshdesk.api.ledger.v1.AuditPhase;
import io.meshdesk.api.ledger.v1.AuditProgress;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.AuditSummary;
import io.meshdesk.api.ledger.v1.AuditViolation;
import io.meshdesk.api.ledger.v1.ViolationKind;
import io.meshdesk.api.ledger.v1.WatchAuditResponse;
import io.meshdesk.ledger.audit.AuditListener.Progress;
import io.meshdesk.ledger.audit.AuditReport;

/** The audit's report and progress as contract messages. */
final class AuditMapper {

  private AuditMapper() {}

  /** An audit report as its contract response. */
  static AuditResponse audit(AuditReport a) {
    AuditResponse.Builder b =
        AuditResponse.newBuilder()
            .setTruncated(a.truncated())
            .setSummary(
                AuditSummary.newBuilder()
                    .setCardsChecked(a.cardsChecked())
                    .setEntriesChecked(a.entriesChecked())
                    .setPostingsChecked(a.postingsChecked())
                    .setHoldsChecked(a.holdsChecked())
                    .setStatementsChecked(a.statementsChecked())
                    .setViolationCount(a.violationCount())
                    .setPassed(a.passed())
                    .setStartedAt(timestamp(a.startedAt()))
                    .setDuration(
                        com.google.protobuf.Duration.newBuilder()
                            .setSeconds(a.duration().getSeconds())
                            .setNanos(a.duration().getNano())));
    for (AuditReport.Violation v : a.violations()) {
      b.addViolations(
          AuditViolation.newBuilder()
              .setKind(ViolationKind.valueOf("VIOLATION_KIND_" + v.kind().name()))
              .setEntityType(v.entityType())
              .setEntityId(v.entityId())
              .setDetail(v.detail()));
    }
    return b.build();
  }

  /** A progress report as a message of the WatchAudit stream. */
  static WatchAuditResponse progress(Progress p) {
    return WatchAuditResponse.newBuilder()
        .setProgress(
            AuditProgress.newBuilder()
                .setPhase(AuditPhase.valueOf("AUDIT_PHASE_" + p.phase().name()))
                .setPhaseNumber(p.phaseNumber())
                .setPhaseCount(Progress.phaseCount())
                .setCardsChecked(p.cardsChecked())
                .setCardsTotal(p.cardsTotal())
                .setEntriesChecked(p.entriesChecked())
                .setViolationCount(p.violationCount()))
        .build();
  }

  /** The last message of the WatchAudit stream: the audit's result. */
  static WatchAuditResponse result(AuditReport report) {
    return WatchAuditResponse.newBuilder().setResult(audit(report)).build();
  }
}
