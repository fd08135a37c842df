package io.meshdesk.cli.ledger;

import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.GetCardProductRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.ListCardProductsRequest;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.cli.common.Amounts;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Words;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl products}: card products, the terms cards are issued on (ledger server). */
@Command(
    name = "products",
    description = "Card products: network, currency, APRs, grace days, fees.",
    subcommands = {
      ProductsCommand.ListProducts.class,
      ProductsCommand.GetProduct.class,
      ProductsCommand.CreateProduct.class
    })
public final class ProductsCommand {

  private ProductsCommand() {}

  @Command(name = "list", description = "List card products.")
  @Rpc(OnLedger.SERVICE + "ListCardProducts")
  static final class ListProducts extends OnLedger {
    @Mixin PageOptions page;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      var r =
          ledger.listCardProducts(
              ListCardProductsRequest.newBuilder().setPage(page.request()).build());
      page.print(out, r, "products", r.getPage());
      return 0;
    }
  }

  @Command(name = "get", description = "Show one card product.")
  @Rpc(OnLedger.SERVICE + "GetCardProduct")
  static final class GetProduct extends OnLedger {
    @Parameters(paramLabel = "PRODUCT_ID", description = "Product id.")
    String id;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      out.item(
          ledger.getCardProduct(GetCardProductRequest.newBuilder().setProductId(id).build()),
          "product");
      return 0;
    }
  }

  @Command(name = "create", description = "Create a card product.")
  @Rpc(OnLedger.SERVICE + "CreateCardProduct")
  static final class CreateProduct extends OnLedger {
    @Option(names = "--name", required = true, description = "Product name.")
    String name;

    @Option(names = "--network", required = true, description = "visa, mastercard, amex, discover.")
    String network;

    @Option(names = "--currency", defaultValue = "USD", description = "Currency (default: USD).")
    String currency;

    @Option(names = "--purchase-apr-bps", required = true, description = "Purchase APR, 0..10000.")
    int purchaseApr;

    @Option(names = "--cash-advance-apr-bps", required = true, description = "Cash APR, 0..10000.")
    int cashApr;

    @Option(names = "--grace-days", defaultValue = "25", description = "21..28 (default: 25).")
    int graceDays;

    @Option(names = "--min-payment-floor", required = true, description = "Minimum payment floor.")
    String floor;

    @Option(
        names = "--min-payment-bps",
        required = true,
        description = "Minimum payment, share of the balance, 1..10000.")
    int minPaymentBps;

    @Option(names = "--late-fee", required = true, description = "Late fee amount, e.g. 25.00.")
    String lateFee;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      var req =
          CreateCardProductRequest.newBuilder()
              .setName(name)
              .setNetwork(Words.parse(CardNetwork.class, "CARD_NETWORK_", "--network", network))
              .setCurrency(currency)
              .setPurchaseAprBps(purchaseApr)
              .setCashAdvanceAprBps(cashApr)
              .setGraceDays(graceDays)
              .setMinPayment(
                  MinimumPaymentRule.newBuilder()
                      .setFloor(Amounts.money("--min-payment-floor", floor, currency))
                      .setPercentBps(minPaymentBps))
              .setLateFee(Amounts.money("--late-fee", lateFee, currency));
      out.item(ledger.createCardProduct(req.build()), "product");
      return 0;
    }
  }
}
