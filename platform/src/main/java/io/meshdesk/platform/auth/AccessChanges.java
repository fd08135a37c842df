package io.meshdesk.platform.auth;

import java.util.UUID;
import org.redisson.api.RedissonClient;

/**
 * Announces, over Redis, users whose access just changed (deactivated, role changed), so every
 * server ends the long-lived streams those users opened with their earlier authorization. Tenant
 * status changes travel on {@link DatabaseTenantGate#TOPIC}.
 */
public final class AccessChanges {

  /** Redis topic carrying the id of every user whose access changed. */
  public static final String USER_TOPIC = "identity:user-access";

  private AccessChanges() {}

  /** Tells every server (all instances) that {@code userId}'s access changed. */
  public static void publishUser(RedissonClient redis, UUID userId) {
    redis.getTopic(USER_TOPIC).publish(userId.toString());
  }
}
