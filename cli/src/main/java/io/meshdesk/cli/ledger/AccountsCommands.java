package io.meshdesk.cli.ledger;

import io.meshdesk.api.ledger.v1.GetLimitHistoryRequest;
import io.meshdesk.api.ledger.v1.GetStatementRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.ListJournalEntriesRequest;
import io.meshdesk.api.ledger.v1.ListStatementsRequest;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.TransactionType;
import io.meshdesk.api.ledger.v1.UpdateCreditLimitRequest;
import io.meshdesk.cli.common.Amounts;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Words;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code limits}, {@code statements} and {@code transactions} groups (ledger server). */
public final class AccountsCommands {

  private AccountsCommands() {}

  /** {@code meshctl limits}. */
  @Command(
      name = "limits",
      description = "Credit limits: change one, show the history.",
      subcommands = {SetLimit.class, LimitHistory.class})
  public static final class Limits {}

  /** {@code meshctl statements}. */
  @Command(
      name = "statements",
      description = "Monthly statements of a card.",
      subcommands = {ListStatements.class, GetStatement.class})
  public static final class Statements {}

  /** {@code meshctl transactions}. */
  @Command(
      name = "transactions",
      description = "Posted transactions and journal entries of a card.",
      subcommands = {ListTransactions.class, Journal.class})
  public static final class Transactions {}

  /** A command listing one card's items, a page at a time. */
  abstract static class CardPage extends OnLedger {
    @Parameters(paramLabel = "CARD_ID", description = "Card id.")
    String card;

    @Mixin PageOptions page;
  }

  @Command(name = "set", description = "Change a card's credit limit.")
  @Rpc(OnLedger.SERVICE + "UpdateCreditLimit")
  static final class SetLimit extends OnLedger {
    @Parameters(index = "0", paramLabel = "CARD_ID", description = "Card id.")
    String card;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "New limit, e.g. 7500.00.")
    String amount;

    @Option(names = "--currency", defaultValue = "USD", description = "Card currency.")
    String currency;

    @Option(names = "--reason", required = true, description = "Why, 1-500 characters.")
    String reason;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      out.item(
          ledger.updateCreditLimit(
              UpdateCreditLimitRequest.newBuilder()
                  .setCardId(card)
                  .setNewLimit(Amounts.money("AMOUNT", amount, currency))
                  .setReason(reason)
                  .build()),
          "change");
      return 0;
    }
  }

  @Command(name = "history", description = "A card's credit limit changes.")
  @Rpc(OnLedger.SERVICE + "GetLimitHistory")
  static final class LimitHistory extends CardPage {

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      var r =
          ledger.getLimitHistory(
              GetLimitHistoryRequest.newBuilder().setCardId(card).setPage(page.request()).build());
      page.print(out, r, "changes", r.getPage());
      return 0;
    }
  }

  @Command(name = "list", description = "A card's statements, newest first.")
  @Rpc(OnLedger.SERVICE + "ListStatements")
  static final class ListStatements extends CardPage {

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      var r =
          ledger.listStatements(
              ListStatementsRequest.newBuilder().setCardId(card).setPage(page.request()).build());
      page.print(out, r, "statements", r.getPage());
      return 0;
    }
  }

  @Command(name = "get", description = "One statement with its lines.")
  @Rpc(OnLedger.SERVICE + "GetStatement")
  static final class GetStatement extends OnLedger {
    @Parameters(paramLabel = "STATEMENT_ID", description = "Statement id.")
    String id;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      var r = ledger.getStatement(GetStatementRequest.newBuilder().setStatementId(id).build());
      if (out.human()) {
        out.item(r, "statement");
        System.out.println();
      }
      out.list(r.getStatement(), "lines");
      return 0;
    }
  }

  @Command(name = "list", description = "A card's posted transactions, newest first.")
  @Rpc(OnLedger.SERVICE + "ListTransactions")
  static final class ListTransactions extends CardPage {

    @Option(names = "--type", split = ",", description = "Types, e.g. purchase,payment,fee.")
    List<String> types = List.of();

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      var req = ListTransactionsRequest.newBuilder().setCardId(card).setPage(page.request());
      types.forEach(
          t -> req.addTypes(Words.parse(TransactionType.class, "TRANSACTION_TYPE_", "--type", t)));
      var r = ledger.listTransactions(req.build());
      page.print(out, r, "transactions", r.getPage());
      return 0;
    }
  }

  @Command(name = "journal", description = "A card's double-entry journal, with hashes.")
  @Rpc(OnLedger.SERVICE + "ListJournalEntries")
  static final class Journal extends CardPage {

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      var r =
          ledger.listJournalEntries(
              ListJournalEntriesRequest.newBuilder()
                  .setCardId(card)
                  .setPage(page.request())
                  .build());
      page.print(out, r, "entries", r.getPage());
      return 0;
    }
  }
}
