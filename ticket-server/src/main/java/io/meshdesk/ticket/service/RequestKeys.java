package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;

/** Idempotency keys as stored. */
final class RequestKeys {

  private RequestKeys() {}

  /**
   * A request id as stored: scoped to the calling principal, so one caller can neither probe nor
   * squat another's key (issue #14 item 9); empty stays empty (no idempotency).
   */
  static String of(Principal p, String requestId) {
    return requestId.isEmpty() ? "" : p.subject() + "/" + requestId;
  }
}
