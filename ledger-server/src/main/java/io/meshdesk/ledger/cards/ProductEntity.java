package io.meshdesk.ledger.cards;

import io.meshdesk.ledger.domain.ProductView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/**
 * The row of {@code ledger.card_product} as Hibernate maps it; the tenant comes from the session
 * ({@code @TenantId}). Products are never changed once defined.
 */
@Entity
@Table(schema = "ledger", name = "card_product")
class ProductEntity {

  @TenantId
  @Column(name = "tenant_id")
  private UUID tenantId;

  @Id private UUID id;

  private String name;

  private String network;

  @JdbcTypeCode(SqlTypes.CHAR)
  private String currency;

  private int purchaseAprBps;

  private int cashAdvanceAprBps;

  private int graceDays;

  private long minPaymentFloorMinor;

  private int minPaymentPercentBps;

  private long lateFeeMinor;

  private Instant createdAt;

  protected ProductEntity() {}

  static ProductEntity of(ProductView p) {
    ProductEntity e = new ProductEntity();
    e.id = p.id();
    e.name = p.name();
    e.network = p.network();
    e.currency = p.currency();
    e.purchaseAprBps = p.purchaseAprBps();
    e.cashAdvanceAprBps = p.cashAdvanceAprBps();
    e.graceDays = p.graceDays();
    e.minPaymentFloorMinor = p.minPaymentFloorMinor();
    e.minPaymentPercentBps = p.minPaymentPercentBps();
    e.lateFeeMinor = p.lateFeeMinor();
    e.createdAt = p.createdAt();
    return e;
  }

  ProductView toView() {
    return new ProductView(
        id,
        name,
        network,
        currency,
        purchaseAprBps,
        cashAdvanceAprBps,
        graceDays,
        minPaymentFloorMinor,
        minPaymentPercentBps,
        lateFeeMinor,
        createdAt);
  }
}
