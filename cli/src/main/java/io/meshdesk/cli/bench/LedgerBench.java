package io.meshdesk.cli.bench;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.GetStatementRequest;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.ledger.LedgerAuditCommand;
import io.meshdesk.platform.auth.Role;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench ledger}: posting throughput and latency one per request across many cards,
 * through BatchPost, and on one hot card; GetBalance and GetStatement latency; then a full Audit,
 * which must pass. Starts its own embedded ledger-server (see {@link LedgerBenchSystem}).
 */
@Command(
    name = "ledger",
    description = "Ledger postings (per request, batched, hot card), queries, then an audit.")
public final class LedgerBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(
      names = "--cards",
      defaultValue = "2000",
      description = "Cards posted to (default: ${DEFAULT-VALUE}).")
  int cards;

  @Option(
      names = "--concurrency",
      defaultValue = "32",
      description = "Requests in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--batch-size",
      defaultValue = "500",
      description = "Operations per BatchPost (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--query-rate",
      defaultValue = "500",
      description = "Queries per second (default: ${DEFAULT-VALUE}).")
  double queryRate;

  private final AtomicLong keys = new AtomicLong();
  private final String run = Long.toString(System.nanoTime(), 36);

  @Override
  public Integer call() throws Exception {
    try (SystemUnderTest system =
        bench.start(SystemUnderTest.Kind.LEDGER, 1, Math.max(16, concurrency))) {
      UUID tenant = UUID.randomUUID();
      ClientOptions.HostPort hp = ClientOptions.HostPort.parse(system.targets().getFirst());
      ManagedChannel channel =
          NettyChannelBuilder.forAddress(hp.host(), hp.port()).usePlaintext().build();
      try {
        LedgerServiceBlockingStub stub =
            adminStub(channel, system.token(tenant, UUID.randomUUID(), Role.ADMIN));
        String product = createProduct(stub);
        System.err.printf("ledger bench: issuing %d cards...%n", cards + 6);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cards; i++) {
          ids.add(issue(stub, product, 1_000_000_000L));
        }
        String hot = issue(stub, product, 1_000_000_000_000L);
        List<BenchResult> results = new ArrayList<>();
        results.addAll(measurePurchases(stub, ids, hot));
        results.addAll(measureQueries(system, tenant, stub, product));
        bench.print(results, System.out);
        boolean auditPassed = audit(stub);
        return auditPassed && results.stream().allMatch(r -> r.errors() == 0) ? 0 : 1;
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static LedgerServiceBlockingStub adminStub(ManagedChannel channel, String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return LedgerServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static String createProduct(LedgerServiceBlockingStub stub) {
    return stub.createCardProduct(
            CreateCardProductRequest.newBuilder()
                .setName("Bench")
                .setNetwork(CardNetwork.CARD_NETWORK_VISA)
                .setCurrency("USD")
                .setPurchaseAprBps(1999)
                .setCashAdvanceAprBps(2599)
                .setGraceDays(25)
                .setMinPayment(
                    MinimumPaymentRule.newBuilder().setFloor(usd(2500)).setPercentBps(100))
                .setLateFee(usd(4000))
                .build())
        .getProduct()
        .getId();
  }

  /** Purchases one request each over many cards, batched, then all on one hot card. */
  private List<BenchResult> measurePurchases(
      LedgerServiceBlockingStub stub, List<String> ids, String hot) throws InterruptedException {
    List<BenchResult> results = new ArrayList<>();
    results.add(
        measure(
            "ledger.purchase.per_request",
            seq -> purchase(stub, ids.get((int) (seq % ids.size())), 1)));
    results.add(batched(stub, ids));
    results.add(measure("ledger.purchase.hot_card", seq -> purchase(stub, hot, 1)));
    return results;
  }

  /** GetBalance and GetStatement over five cards with twenty postings and a closed statement. */
  private List<BenchResult> measureQueries(
      SystemUnderTest system, UUID tenant, LedgerServiceBlockingStub stub, String product)
      throws InterruptedException {
    List<String> queryCards = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String card = issue(stub, product, 10_000_000);
      for (int j = 0; j < 20; j++) {
        purchase(stub, card, 1_000 + j);
      }
      queryCards.add(card);
      statements.add(system.closeCard(tenant, card, LocalDate.now().plusMonths(2)));
    }
    List<BenchResult> results = new ArrayList<>();
    results.add(
        rate(
            "ledger.get_balance",
            seq ->
                stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getBalance(
                        GetBalanceRequest.newBuilder()
                            .setCardId(queryCards.get((int) (seq % 5)))
                            .build())));
    results.add(
        rate(
            "ledger.get_statement",
            seq ->
                stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getStatement(
                        GetStatementRequest.newBuilder()
                            .setStatementId(statements.get((int) (seq % 5)))
                            .build())));
    return results;
  }

  /** Runs and prints the ledger audit; whether it passed. */
  private boolean audit(LedgerServiceBlockingStub stub) {
    System.err.println("ledger bench: auditing...");
    AuditResponse audit =
        stub.withDeadlineAfter(10, TimeUnit.MINUTES).audit(AuditRequest.getDefaultInstance());
    LedgerAuditCommand.print(audit, bench.json, System.out);
    return audit.getSummary().getPassed();
  }

  private BenchResult measure(String name, LoadGenerator.Operation op) throws InterruptedException {
    LatencyStats stats = new LatencyStats();
    LoadGenerator.closedLoop(op, concurrency, bench.warmup, stats);
    stats.reset();
    Measured.closedLoop(name, op, concurrency, bench.duration, stats);
    return BenchResult.of(
        name, stats, bench.duration.toMillis() / 1000.0, Map.of("concurrency", concurrency));
  }

  private BenchResult batched(LedgerServiceBlockingStub stub, List<String> ids)
      throws InterruptedException {
    int workers = Math.max(1, Math.min(4, concurrency));
    LoadGenerator.Operation op =
        seq -> {
          BatchPostRequest.Builder req = BatchPostRequest.newBuilder();
          for (int i = 0; i < batchSize; i++) {
            req.addOperations(
                BatchOperation.newBuilder()
                    .setPurchase(
                        purchaseRequest(ids.get((int) ((seq * batchSize + i) % ids.size())), 1)));
          }
          if (stub.withDeadlineAfter(60, TimeUnit.SECONDS).batchPost(req.build()).getDeclinedCount()
              > 0) {
            throw new IllegalStateException("declined");
          }
        };
    LatencyStats stats = new LatencyStats();
    LoadGenerator.closedLoop(op, workers, bench.warmup, stats);
    stats.reset();
    Measured.closedLoop("ledger.batch_post", op, workers, bench.duration, stats);
    double seconds = bench.duration.toMillis() / 1000.0;
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("batch_size", batchSize);
    extra.put("workers", workers);
    extra.put("postings_per_second", Math.round(stats.count() * (double) batchSize / seconds));
    return BenchResult.of("ledger.batch_post", stats, seconds, extra);
  }

  private BenchResult rate(String name, LoadGenerator.Operation op) throws InterruptedException {
    LatencyStats stats = new LatencyStats();
    LoadGenerator.fixedRate(op, queryRate, bench.warmup, 1000, stats);
    stats.reset();
    Measured.fixedRate(name, op, queryRate, bench.duration, 10_000, stats);
    return BenchResult.of(
        name,
        stats,
        bench.duration.toMillis() / 1000.0,
        Map.of("target_rate", queryRate, BenchOptions.FLOOR_KEY, "select_only"));
  }

  private void purchase(LedgerServiceBlockingStub stub, String card, long amount) {
    // A decline fails the call with FAILED_PRECONDITION, which the load generator counts as an
    // error.
    stub.withDeadlineAfter(10, TimeUnit.SECONDS).purchase(purchaseRequest(card, amount));
  }

  private PurchaseRequest purchaseRequest(String card, long amount) {
    return PurchaseRequest.newBuilder()
        .setCardId(card)
        .setAmount(usd(amount))
        .setMerchant(Merchant.newBuilder().setName("Bench Store").setMcc("5999"))
        .setIdempotencyKey("bench-" + run + "-" + keys.incrementAndGet())
        .build();
  }

  private static String issue(LedgerServiceBlockingStub stub, String product, long limit) {
    return stub.issueCard(
            IssueCardRequest.newBuilder()
                .setProductId(product)
                .setHolderUserId(UUID.randomUUID().toString())
                .setCreditLimit(usd(limit))
                .setBillingCycleDay(28)
                .build())
        .getCard()
        .getId();
  }

  private static Money usd(long minor) {
    return Money.newBuilder().setAmountMinor(minor).setCurrency("USD").build();
  }
}
