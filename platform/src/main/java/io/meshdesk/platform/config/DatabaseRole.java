package io.meshdesk.platform.config;

/**
 * The database role each server logs in as. Each is granted only its own schemas: a leaked
 * ledger-server password cannot read users or tickets, an ai-worker one cannot read the ledger.
 */
public enum DatabaseRole {
  /** ticket-server: the {@code identity} and {@code ticket} schemas. */
  TICKET("meshdesk_ticket"),
  /** ledger-server: {@code ledger} and {@code reminder}, plus the {@code directory} views. */
  LEDGER("meshdesk_ledger"),
  /** ai-worker: {@code knowledge}, plus the {@code directory} views. */
  AI("meshdesk_ai");

  private final String roleName;

  DatabaseRole(String roleName) {
    this.roleName = roleName;
  }

  /** The PostgreSQL role name, also the server's default {@code MESHDESK_DATABASE_USER}. */
  public String roleName() {
    return roleName;
  }

  /** Password of this role on local (embedded or test) servers, which provision it themselves. */
  public String localPassword() {
    return roleName.replace('_', '-') + "-local";
  }
}
