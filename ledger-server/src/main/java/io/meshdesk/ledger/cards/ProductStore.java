package io.meshdesk.ledger.cards;

import io.meshdesk.ledger.domain.ProductView;
import io.meshdesk.platform.db.Hibernate;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Card products in {@code ledger.card_product} through Hibernate ({@link ProductEntity}), each
 * session on the connection of a tenant transaction, so row-level security stands behind
 * Hibernate's tenant filter.
 */
public final class ProductStore implements AutoCloseable {

  private static final String UNIQUE_VIOLATION = "23505";

  private final Hibernate orm;

  /** A store over the application pool {@code dataSource}. */
  public ProductStore(DataSource dataSource) {
    this.orm = new Hibernate(dataSource, List.of(ProductEntity.class));
  }

  /** Inserts a product in the caller's transaction; false when the tenant has one of that name. */
  boolean insert(Connection c, UUID tenant, ProductView p) {
    return orm.session(
        c,
        tenant,
        s -> {
          boolean taken =
              s.createSelectionQuery(
                          "select 1 from ProductEntity where name = :name", Integer.class)
                      .setParameter("name", p.name())
                      .setMaxResults(1)
                      .getSingleResultOrNull()
                  != null;
          if (taken) {
            return false;
          }
          try {
            s.persist(ProductEntity.of(p));
            s.flush();
            return true;
          } catch (ConstraintViolationException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
              // A concurrent create of the same name won; nothing is left to flush.
              s.clear();
              return false;
            }
            throw e;
          }
        });
  }

  /** Products by name after {@code afterName} (empty for the first), at most {@code limit}. */
  List<ProductView> list(UUID tenant, String afterName, int limit) {
    return orm.inTenant(
        tenant,
        s ->
            s
                .createSelectionQuery(
                    "from ProductEntity where name > :after order by name", ProductEntity.class)
                .setParameter("after", afterName)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(ProductEntity::toView)
                .toList());
  }

  /** A product by id, in the caller's tenant transaction. */
  public Optional<ProductView> find(Connection c, UUID tenant, UUID id) {
    return orm.session(
        c,
        tenant,
        s -> Optional.ofNullable(s.find(ProductEntity.class, id)).map(ProductEntity::toView));
  }

  /** A product by id, in a transaction of its own. */
  Optional<ProductView> find(UUID tenant, UUID id) {
    return orm.inTenant(
        tenant,
        s -> Optional.ofNullable(s.find(ProductEntity.class, id)).map(ProductEntity::toView));
  }

  @Override
  public void close() {
    orm.close();
  }
}
