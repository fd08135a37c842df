package io.meshdesk.ledger.grpc;

import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.ledger.domain.Page;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import java.util.UUID;

/** What the ledger's handlers read from the authenticated caller of the current call. */
final class Caller {

  private Caller() {}

  static UUID tenant() {
    return AuthContext.principal().requireTenant();
  }

  /** The holder a customer is confined to (their own cards), or null for staff and services. */
  static UUID holderRestriction() {
    Principal p = AuthContext.principal();
    return p.role() == Role.CUSTOMER ? p.subject() : null;
  }

  /** How limit changes and issued cards record who made them. */
  static String actorKind() {
    return AuthContext.principal().role() == Role.SERVICE ? "SERVICE_ACCOUNT" : "USER";
  }

  static String actorId() {
    return AuthContext.principal().subject().toString();
  }

  static PageResponse page(Page<?> p) {
    return PageResponse.newBuilder().setNextPageToken(p.nextToken()).build();
  }
}
