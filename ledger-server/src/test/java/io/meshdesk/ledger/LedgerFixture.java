package io.meshdesk.ledger;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.ledger.audit.AuditService;
import io.meshdesk.ledger.billing.StatementService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.cards.ProductStore;
import io.meshdesk.ledger.grpc.LedgerGrpcService;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.ledger.query.QueryService;
import io.meshdesk.ledger.spending.SpendingService;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A migrated database, the ledger service in process on a settable clock, and tokens. */
final class LedgerFixture implements AutoCloseable {

  /** A clock tests move by hand. */
  final DatabaseConfig config;

  final Database database;
  final MutableClock clock = new MutableClock(Instant.parse("2025-01-10T12:00:00Z"));
  final TestTokens tokens = new TestTokens();
  final InProcessGrpc grpc;
  final StatementService statements;
  final ProductStore products;
  final UUID tenant = UUID.randomUUID();
  final UUID admin = UUID.randomUUID();

  LedgerFixture(String name) {
    config = TestEnvironment.get().newDatabase(name);
    Migrations.apply(config, LedgerServer.CHANGELOGS);
    database = new Database(config, name);
    Transactions tx = new Transactions(database.dataSource());
    statements = new StatementService(tx, clock);
    products = new ProductStore(database.dataSource());
    PostingEngine postings = new PostingEngine(tx, clock);
    List<BindableService> services =
        List.of(
            new LedgerGrpcService(
                new CardService(tx, products, clock),
                postings,
                new QueryService(tx, clock),
                new AuditService(database.dataSource(), clock),
                new PendingPayments(tx, postings, clock),
                new SpendingService(tx, clock)));
    List<ServerInterceptor> interceptors = List.of(tokens.interceptor());
    grpc = InProcessGrpc.start(services, interceptors);
  }

  LedgerServiceBlockingStub as(UUID tenantId, UUID user, Role role) {
    return LedgerServiceGrpc.newBlockingStub(grpc.channel())
        .withCallCredentials(TestTokens.bearer(tokens.user(tenantId, user, role)));
  }

  LedgerServiceBlockingStub admin() {
    return as(tenant, admin, Role.ADMIN);
  }

  static Money usd(long minor) {
    return Money.newBuilder().setAmountMinor(minor).setCurrency("USD").build();
  }

  static Merchant shop() {
    return Merchant.newBuilder().setName("Corner Shop").setMcc("5411").setCountry("US").build();
  }

  /**
   * The worked examples' product: 18.25 % / 29.20 %, 25 grace days, 25.00 / 1 %, late fee 40.00.
   */
  String product(String name) {
    return product(admin(), name);
  }

  /** Creates the worked examples' product through the given caller (another tenant's admin). */
  static String product(LedgerServiceBlockingStub stub, String name) {
    return stub.createCardProduct(
            CreateCardProductRequest.newBuilder()
                .setName(name)
                .setNetwork(CardNetwork.CARD_NETWORK_VISA)
                .setCurrency("USD")
                .setPurchaseAprBps(1825)
                .setCashAdvanceAprBps(2920)
                .setGraceDays(25)
                .setMinPayment(
                    MinimumPaymentRule.newBuilder().setFloor(usd(2500)).setPercentBps(100))
                .setLateFee(usd(4000))
                .build())
        .getProduct()
        .getId();
  }

  String card(String productId, UUID holder, long limit, int cycleDay) {
    return card(admin(), productId, holder, limit, cycleDay);
  }

  /** Issues a card through the given caller (another tenant's admin). */
  static String card(
      LedgerServiceBlockingStub stub, String productId, UUID holder, long limit, int cycleDay) {
    return stub.issueCard(
            IssueCardRequest.newBuilder()
                .setProductId(productId)
                .setHolderUserId(holder.toString())
                .setCreditLimit(usd(limit))
                .setBillingCycleDay(cycleDay)
                .build())
        .getCard()
        .getId();
  }

  /**
   * Runs SQL as the schema owner in the tenant's row-level-security scope (corrupting rows on
   * purpose).
   */
  void asOwner(String sql) {
    asOwner(tenant, sql);
  }

  /** Runs SQL as the schema owner in another tenant's row-level-security scope. */
  void asOwner(UUID tenantId, String sql) {
    try (Connection c =
            DriverManager.getConnection(
                config.jdbcUrl(), config.ownerUser().orElseThrow(), config.ownerPassword());
        Statement s = c.createStatement()) {
      s.execute("select set_config('app.tenant_id', '" + tenantId + "', false)");
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A single number queried as the schema owner in the tenant's scope (counting rows behind the
   * API).
   */
  long count(String sql) {
    return count(tenant, sql);
  }

  /** A single number queried as the schema owner in another tenant's scope. */
  long count(UUID tenantId, String sql) {
    try (Connection c =
            DriverManager.getConnection(
                config.jdbcUrl(), config.ownerUser().orElseThrow(), config.ownerPassword());
        Statement s = c.createStatement()) {
      s.execute("select set_config('app.tenant_id', '" + tenantId + "', false)");
      try (ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs a call that must fail with FAILED_PRECONDITION and returns the machine-readable reason of
   * its {@code google.rpc.ErrorInfo}.
   */
  static String declineReason(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.FAILED_PRECONDITION) {
        throw new AssertionError("expected FAILED_PRECONDITION, got " + e.getStatus(), e);
      }
      com.google.rpc.Status status = StatusProto.fromThrowable(e);
      for (Any any : status == null ? List.<Any>of() : status.getDetailsList()) {
        if (any.is(ErrorInfo.class)) {
          try {
            return any.unpack(ErrorInfo.class).getReason();
          } catch (InvalidProtocolBufferException x) {
            throw new IllegalStateException(x);
          }
        }
      }
      throw new AssertionError("FAILED_PRECONDITION without ErrorInfo: " + e.getStatus());
    }
    throw new AssertionError("expected FAILED_PRECONDITION, but the call succeeded");
  }

  @Override
  public void close() {
    grpc.close();
    products.close();
    database.close();
  }
}
