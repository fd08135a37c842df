package io.meshdesk.ledger.grpc;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenVerifier} that remembers, for a short time, the principal of a token it has just
 * verified. An ES256 signature check costs far more CPU than a ledger posting's own work, and a
 * client sends the same bearer token on every call, so at high rates most checks repeat one
 * already done. An entry is the exact token string (so the same signed claims) and lives at most
 * {@code ttl}: a token's expiry or its tenant's suspension is seen no later than {@code ttl} after
 * the delegate would see it (the tenant gate allows "a second or so"). Refused tokens are never
 * remembered. The cache holds at most {@code maxEntries} tokens and is emptied when full.
 */
public final class RecentTokenCache implements TokenVerifier {

  private record Entry(Principal principal, Instant until) {}

  private final TokenVerifier delegate;
  private final Clock clock;
  private final Duration ttl;
  private final int maxEntries;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public RecentTokenCache(TokenVerifier delegate, Clock clock, Duration ttl, int maxEntries) {
    this.delegate = delegate;
    this.clock = clock;
    this.ttl = ttl;
    this.maxEntries = maxEntries;
  }

  @Override
  public Principal verify(String token) {
    Instant now = clock.instant();
    Entry entry = entries.get(token);
    if (entry != null && now.isBefore(entry.until())) {
      return entry.principal();
    }
    Principal principal = delegate.verify(token);
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(token, new Entry(principal, now.plus(ttl)));
    return principal;
  }
}
