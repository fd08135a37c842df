package io.meshdesk.ledger.grpc;

import static io.meshdesk.ledger.grpc.RequestMapper.uuid;

import io.meshdesk.api.ledger.v1.GetSpendingRequest;
import io.meshdesk.api.ledger.v1.GetSpendingResponse;
import io.meshdesk.api.ledger.v1.ListUnusualChargesRequest;
import io.meshdesk.api.ledger.v1.ListUnusualChargesResponse;
import io.meshdesk.ledger.analysis.MonthRange;
import io.meshdesk.ledger.spending.SpendingService;
import io.meshdesk.platform.proto.ProtoTime;

/** The expense analysis RPCs: spending by category and unusual charges. */
final class SpendingHandlers {

  private final SpendingService spending;

  SpendingHandlers(SpendingService spending) {
    this.spending = spending;
  }

  GetSpendingResponse spending(GetSpendingRequest r) {
    return SpendingMapper.spending(
        spending.spending(
            Caller.tenant(),
            Caller.holderRestriction(),
            uuid("card_id", r.getCardId()),
            MonthRange.parse(r.getFromMonth(), r.getToMonth())));
  }

  ListUnusualChargesResponse unusual(ListUnusualChargesRequest r) {
    return SpendingMapper.unusual(
        spending.unusual(
            Caller.tenant(),
            Caller.holderRestriction(),
            uuid("card_id", r.getCardId()),
            r.hasSince() ? ProtoTime.instant(r.getSince()) : null));
  }
}
