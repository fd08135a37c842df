package io.meshdesk.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.identity.domain.RefreshToken.Rotation;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final UUID TENANT = UUID.randomUUID();

  private static RefreshToken token(Instant expiresAt, Instant usedAt, boolean revoked) {
    return new RefreshToken(
        UUID.randomUUID(),
        TENANT,
        UUID.randomUUID(),
        UUID.randomUUID(),
        expiresAt,
        usedAt,
        revoked);
  }

  @Test
  void liveUnusedTokenRotates() {
    assertThat(token(NOW.plusSeconds(60), null, false).rotation(NOW)).isEqualTo(Rotation.ROTATES);
  }

  @Test
  void consumedTokenPresentedAgainIsReuse() {
    assertThat(token(NOW.plusSeconds(60), NOW.minusSeconds(5), false).rotation(NOW))
        .isEqualTo(Rotation.REUSED);
  }

  @Test
  void revokedOrExpiredTokenIsRefusedEvenWhenConsumed() {
    assertThat(token(NOW.plusSeconds(60), NOW.minusSeconds(5), true).rotation(NOW))
        .isEqualTo(Rotation.REFUSED);
    assertThat(token(NOW.minusSeconds(1), NOW.minusSeconds(5), false).rotation(NOW))
        .isEqualTo(Rotation.REFUSED);
    assertThat(token(NOW.minus(Duration.ofDays(1)), null, false).rotation(NOW))
        .isEqualTo(Rotation.REFUSED);
  }

  @Test
  void logoutNeedsALiveUnrotatedTokenOfTheSameScope() {
    RefreshToken live = token(NOW.plusSeconds(60), null, false);
    assertThat(live.mayLogOut(NOW, TENANT)).isTrue();
    assertThat(live.mayLogOut(NOW, UUID.randomUUID())).isFalse();
    assertThat(live.mayLogOut(NOW, null)).isFalse();
    assertThat(token(NOW.plusSeconds(60), NOW.minusSeconds(1), false).mayLogOut(NOW, TENANT))
        .isFalse();
    assertThat(token(NOW.plusSeconds(60), null, true).mayLogOut(NOW, TENANT)).isFalse();
    assertThat(token(NOW, null, false).mayLogOut(NOW, TENANT)).isFalse();
  }
}
