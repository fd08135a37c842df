package io.meshdesk.ledger.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.auth.TokenVerifier;
import io.meshdesk.platform.errors.UnauthenticatedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentTokenCacheTest {

  private final Principal alice = new Principal(UUID.randomUUID(), UUID.randomUUID(), Role.ADMIN, Set.of(), "t1");
  private final AtomicInteger calls = new AtomicInteger();
  private final TokenVerifier delegate = token -> {
    calls.incrementAndGet();
    if (token.startsWith("bad")) {
      throw new UnauthenticatedException("bad token signature");
    }
    return alice;
  };
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecentTokenCache cache = new RecentTokenCache(delegate, clock, Duration.ofSeconds(1), 2);

  @Test
  void repeatsOfATokenWithinTheTtlSkipTheDelegate() {
    assertThat(cache.verify("good")).isEqualTo(alice);
    clock.now = clock.now.plusMillis(999);
    assertThat(cache.verify("good")).isEqualTo(alice);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aTokenIsVerifiedAgainOnceItsEntryIsOlderThanTheTtl() {
    cache.verify("good");
    clock.now = clock.now.plusSeconds(1);
    cache.verify("good");
    assertThat(calls).hasValue(2);
  }

  @Test
  void refusedTokensAreNeverRemembered() {
    assertThatThrownBy(() -> cache.verify("bad")).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> cache.verify("bad")).isInstanceOf(UnauthenticatedException.class);
    assertThat(calls).hasValue(2);
  }

  @Test
  void aFullCacheIsEmptiedRatherThanGrowing() {
    cache.verify("good-1");
    cache.verify("good-2");
    cache.verify("good-3");
    cache.verify("good-1");
    assertThat(calls).hasValue(4);
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
