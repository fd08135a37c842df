package io.meshdesk.ledger.audit;

import io.meshdesk.ledger.audit.AuditReport.Kind;
import java.util.ArrayList;
import java.util.List;

/** Counts every violation and keeps the first {@code max}. */
final class ViolationCollector {
  final int max;
  final List<AuditReport.Violation> listed = new ArrayList<>();
  long count;

  ViolationCollector(int max) {
    this.max = max;
  }

  void add(Kind kind, String entityType, Object id, String detail) {
    count++;
    if (listed.size() < max) {
      listed.add(new AuditReport.Violation(kind, entityType, String.valueOf(id), detail));
    }
  }
}
