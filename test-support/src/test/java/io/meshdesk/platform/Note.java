package io.meshdesk.platform;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** Test entity on the RLS-protected {@code testing.note} table. */
@Entity
@Table(schema = "testing", name = "note")
public class Note {

  @TenantId private UUID tenantId;

  @Id private UUID id;

  private String body;

  protected Note() {}

  Note(UUID id, String body) {
    this.id = id;
    this.body = body;
  }

  UUID id() {
    return id;
  }

  UUID tenantId() {
    return tenantId;
  }

  String body() {
    return body;
  }
}
