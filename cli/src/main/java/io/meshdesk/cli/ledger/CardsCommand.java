package io.meshdesk.cli.ledger;

import static io.meshdesk.cli.common.Flags.ifGiven;

import io.meshdesk.api.ledger.v1.CardStatus;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.GetCardRequest;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.api.ledger.v1.SetCardStatusRequest;
import io.meshdesk.cli.common.Amounts;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Words;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl cards}: issued cards, their status and balance (ledger server). */
@Command(
    name = "cards",
    description = "Cards: issue, list, show, freeze or close, balance.",
    subcommands = {
      CardsCommand.ListCards.class,
      CardsCommand.GetCard.class,
      CardsCommand.IssueCard.class,
      CardsCommand.SetStatus.class,
      CardsCommand.Balance.class
    })
public final class CardsCommand {

  private CardsCommand() {}

  @Command(name = "list", description = "List cards, by holder, status or product.")
  @Rpc(OnLedger.SERVICE + "ListCards")
  static final class ListCards extends OnLedger {
    @Mixin PageOptions page;

    @Option(names = "--holder", description = "Holder user id.")
    String holder;

    @Option(names = "--status", description = "active, frozen or closed.")
    String status;

    @Option(names = "--product", description = "Product id.")
    String product;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      ListCardsRequest.Builder req = ListCardsRequest.newBuilder().setPage(page.request());
      ifGiven(holder, req::setHolderUserId);
      ifGiven(
          status,
          s -> Words.parse(CardStatus.class, "CARD_STATUS_", "--status", s),
          req::setStatus);
      ifGiven(product, req::setProductId);
      var r = ledger.listCards(req.build());
      page.print(out, r, "cards", r.getPage());
      return 0;
    }
  }

  @Command(name = "get", description = "Show one card.")
  @Rpc(OnLedger.SERVICE + "GetCard")
  static final class GetCard extends OnLedger {
    @Parameters(paramLabel = "CARD_ID", description = "Card id.")
    String id;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      out.item(ledger.getCard(GetCardRequest.newBuilder().setCardId(id).build()), "card");
      return 0;
    }
  }

  @Command(name = "issue", description = "Issue a card on a product to a user.")
  @Rpc(OnLedger.SERVICE + "IssueCard")
  static final class IssueCard extends OnLedger {
    @Option(names = "--holder", required = true, description = "Holder user id.")
    String holder;

    @Option(names = "--product", required = true, description = "Product id.")
    String product;

    @Option(names = "--limit", required = true, description = "Credit limit, e.g. 5000.00.")
    String limit;

    @Option(names = "--currency", defaultValue = "USD", description = "Product currency.")
    String currency;

    @Option(names = "--cycle-day", defaultValue = "1", description = "Billing day, 1..28.")
    int cycleDay;

    @Option(names = "--idempotency-key", description = "Key that makes a retry safe.")
    String key;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      out.item(
          ledger.issueCard(
              IssueCardRequest.newBuilder()
                  .setHolderUserId(holder)
                  .setProductId(product)
                  .setCreditLimit(Amounts.money("--limit", limit, currency))
                  .setBillingCycleDay(cycleDay)
                  .setIdempotencyKey(key == null ? "cli-issue-" + UUID.randomUUID() : key)
                  .build()),
          "card");
      return 0;
    }
  }

  @Command(name = "set-status", description = "Freeze, unfreeze (active) or close a card.")
  @Rpc(OnLedger.SERVICE + "SetCardStatus")
  static final class SetStatus extends OnLedger {
    @Parameters(index = "0", paramLabel = "CARD_ID", description = "Card id.")
    String id;

    @Parameters(index = "1", paramLabel = "STATUS", description = "active, frozen or closed.")
    String status;

    @Option(names = "--reason", required = true, description = "Why.")
    String reason;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      out.item(
          ledger.setCardStatus(
              SetCardStatusRequest.newBuilder()
                  .setCardId(id)
                  .setStatus(Words.parse(CardStatus.class, "CARD_STATUS_", "STATUS", status))
                  .setReason(reason)
                  .build()),
          "card");
      return 0;
    }
  }

  @Command(name = "balance", description = "A card's balance, available credit and dues.")
  @Rpc(OnLedger.SERVICE + "GetBalance")
  static final class Balance extends OnLedger {
    @Parameters(paramLabel = "CARD_ID", description = "Card id.")
    String id;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      out.item(ledger.getBalance(GetBalanceRequest.newBuilder().setCardId(id).build()), "balance");
      return 0;
    }
  }
}
