package io.meshdesk.ledger.grpc;

import static io.meshdesk.ledger.grpc.RequestMapper.optionalUuid;
import static io.meshdesk.ledger.grpc.RequestMapper.uuid;

import io.meshdesk.api.ledger.v1.CardStatus;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.CreateCardProductResponse;
import io.meshdesk.api.ledger.v1.GetCardProductRequest;
import io.meshdesk.api.ledger.v1.GetCardProductResponse;
import io.meshdesk.api.ledger.v1.GetCardRequest;
import io.meshdesk.api.ledger.v1.GetCardResponse;
import io.meshdesk.api.ledger.v1.GetLimitHistoryRequest;
import io.meshdesk.api.ledger.v1.GetLimitHistoryResponse;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.IssueCardResponse;
import io.meshdesk.api.ledger.v1.ListCardProductsRequest;
import io.meshdesk.api.ledger.v1.ListCardProductsResponse;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.api.ledger.v1.ListCardsResponse;
import io.meshdesk.api.ledger.v1.SetCardStatusRequest;
import io.meshdesk.api.ledger.v1.SetCardStatusResponse;
import io.meshdesk.api.ledger.v1.UpdateCreditLimitRequest;
import io.meshdesk.api.ledger.v1.UpdateCreditLimitResponse;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.cards.ProductSpec;
import io.meshdesk.ledger.domain.IdempotencyScope;
import io.meshdesk.platform.auth.AuthContext;

/** The card RPCs: card products, issuing, credit limits and status. */
final class CardHandlers {

  private final CardService cards;

  CardHandlers(CardService cards) {
    this.cards = cards;
  }

  CreateCardProductResponse createProduct(CreateCardProductRequest r) {
    var p =
        cards.createProduct(
            Caller.tenant(),
            new ProductSpec(
                r.getName(),
                r.getNetwork().name().substring(13),
                r.getCurrency(),
                r.getPurchaseAprBps(),
                r.getCashAdvanceAprBps(),
                r.getGraceDays(),
                r.getMinPayment().getFloor().getAmountMinor(),
                r.getMinPayment().getPercentBps(),
                r.getLateFee().getAmountMinor()));
    return CreateCardProductResponse.newBuilder().setProduct(LedgerMapper.product(p)).build();
  }

  ListCardProductsResponse listProducts(ListCardProductsRequest r) {
    var p =
        cards.listProducts(Caller.tenant(), r.getPage().getPageSize(), r.getPage().getPageToken());
    return ListCardProductsResponse.newBuilder()
        .addAllProducts(p.items().stream().map(LedgerMapper::product).toList())
        .setPage(Caller.page(p))
        .build();
  }

  GetCardProductResponse getProduct(GetCardProductRequest r) {
    return GetCardProductResponse.newBuilder()
        .setProduct(
            LedgerMapper.product(
                cards.product(Caller.tenant(), uuid("product_id", r.getProductId()))))
        .build();
  }

  IssueCardResponse issue(IssueCardRequest r) {
    var c =
        cards.issue(
            Caller.tenant(),
            uuid("holder_user_id", r.getHolderUserId()),
            uuid("product_id", r.getProductId()),
            r.getCreditLimit().getAmountMinor(),
            r.getCreditLimit().getCurrency(),
            r.getBillingCycleDay(),
            IdempotencyScope.scoped(AuthContext.principal().subject(), r.getIdempotencyKey()),
            Caller.actorKind(),
            Caller.actorId());
    return IssueCardResponse.newBuilder().setCard(LedgerMapper.card(c)).build();
  }

  GetCardResponse get(GetCardRequest r) {
    return GetCardResponse.newBuilder()
        .setCard(
            LedgerMapper.card(
                cards.card(
                    Caller.tenant(), Caller.holderRestriction(), uuid("card_id", r.getCardId()))))
        .build();
  }

  ListCardsResponse list(ListCardsRequest r) {
    io.meshdesk.ledger.domain.CardStatus status =
        r.getStatus() == CardStatus.CARD_STATUS_UNSPECIFIED ? null : status(r.getStatus());
    var p =
        cards.listCards(
            Caller.tenant(),
            Caller.holderRestriction(),
            optionalUuid("holder_user_id", r.getHolderUserId()),
            status,
            optionalUuid("product_id", r.getProductId()),
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    return ListCardsResponse.newBuilder()
        .addAllCards(p.items().stream().map(LedgerMapper::card).toList())
        .setPage(Caller.page(p))
        .build();
  }

  UpdateCreditLimitResponse updateLimit(UpdateCreditLimitRequest r) {
    var res =
        cards.updateLimit(
            Caller.tenant(),
            uuid("card_id", r.getCardId()),
            r.getNewLimit().getAmountMinor(),
            r.getNewLimit().getCurrency(),
            r.getReason(),
            Caller.actorKind(),
            Caller.actorId());
    return UpdateCreditLimitResponse.newBuilder()
        .setCard(LedgerMapper.card(res.card()))
        .setChange(LedgerMapper.limitChange(res.change()))
        .build();
  }

  SetCardStatusResponse setStatus(SetCardStatusRequest r) {
    var c = cards.setStatus(Caller.tenant(), uuid("card_id", r.getCardId()), status(r.getStatus()));
    return SetCardStatusResponse.newBuilder().setCard(LedgerMapper.card(c)).build();
  }

  GetLimitHistoryResponse limitHistory(GetLimitHistoryRequest r) {
    var p =
        cards.limitHistory(
            Caller.tenant(),
            Caller.holderRestriction(),
            uuid("card_id", r.getCardId()),
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    return GetLimitHistoryResponse.newBuilder()
        .addAllChanges(p.items().stream().map(LedgerMapper::limitChange).toList())
        .setPage(Caller.page(p))
        .build();
  }

  private static io.meshdesk.ledger.domain.CardStatus status(CardStatus s) {
    return io.meshdesk.ledger.domain.CardStatus.valueOf(s.name().substring(12));
  }
}
