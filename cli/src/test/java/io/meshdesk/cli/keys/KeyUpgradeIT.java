package io.meshdesk.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.cli.migrate.MigrateCommand;
import io.meshdesk.identity.IdentityModule;
import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.testing.TestEnvironment;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An installation whose signing keys were sealed without {@code MESHDESK_KEY_ENCRYPTION_KEY}
 * upgrades with {@code meshctl migrate}: its keys are re-sealed under the configured key, the
 * database-kept key is gone, and ticket-server then starts with that key and signs with the same
 * signing key as before.
 */
class KeyUpgradeIT {

  static DatabaseConfig db;
  static Database pool;
  static Redis redis;

  @BeforeAll
  static void start() {
    TestEnvironment env = TestEnvironment.get();
    db = env.newDatabase("keyupgrade");
    MigrateCommand.applyAll(db);
    pool = new Database(db.forServer(DatabaseRole.TICKET).withPoolSize(2), "keyupgrade");
    redis = new Redis(env.newRedis("keyupgrade"));
  }

  @AfterAll
  static void stop() {
    redis.close();
    pool.close();
  }

  @Test
  void migrateReSealsKeysStoredWithoutAKeyEncryptionKeyAndTicketServerThenStartsWithIt()
      throws Exception {
    // given an install that sealed its keys with the database-kept key, and rotated once
    IdentityModule old =
        new IdentityModule(
            pool.dataSource(), redis.client(), IdentityConfig.defaults(), Clock.systemUTC());
    old.keys()
        .rotate(
            new Principal(UUID.randomUUID(), null, Role.PLATFORM_ADMIN, Set.of(), "test"),
            java.time.Duration.ofHours(1),
            old.audit());
    String activeKey = old.keys().signingKey().toJSONString();
    old.close();
    String kekText = Base64.getEncoder().encodeToString(randomKey());
    IdentityConfig withKek =
        IdentityConfig.fromEnv(new Env(Map.of("MESHDESK_KEY_ENCRYPTION_KEY", kekText)));
    assertThat(MigrateCommand.sealKeys(db, new Env(Map.of())))
        .contains("2 signing key(s) are sealed with a key kept in the database");
    assertThatThrownBy(
            () -> new IdentityModule(pool.dataSource(), redis.client(), withKek, Clock.systemUTC()))
        .hasMessageContaining("MESHDESK_KEY_ENCRYPTION_KEY differs");

    // when migrate runs with the key-encryption key
    String result =
        MigrateCommand.sealKeys(db, new Env(Map.of("MESHDESK_KEY_ENCRYPTION_KEY", kekText)));

    // then both keys are sealed under it, the database-kept key is gone, and the same key signs
    assertThat(result).isEqualTo("signing keys: 2 re-sealed with MESHDESK_KEY_ENCRYPTION_KEY");
    assertThat(ownerQuery("select encryption from identity.signing_key"))
        .containsExactly("aes-gcm:env", "aes-gcm:env");
    assertThat(ownerQuery("select name from identity.local_secret")).isEmpty();
    IdentityModule upgraded =
        new IdentityModule(pool.dataSource(), redis.client(), withKek, Clock.systemUTC());
    assertThat(upgraded.keys().signingKey().toJSONString()).isEqualTo(activeKey);
    upgraded.close();
    assertThat(MigrateCommand.sealKeys(db, new Env(Map.of("MESHDESK_KEY_ENCRYPTION_KEY", kekText))))
        .isEqualTo("signing keys: 0 re-sealed with MESHDESK_KEY_ENCRYPTION_KEY");
    // a different key is refused: it would lock the servers out of their own keys
    String wrong = Base64.getEncoder().encodeToString(randomKey());
    assertThatThrownBy(
            () ->
                MigrateCommand.sealKeys(db, new Env(Map.of("MESHDESK_KEY_ENCRYPTION_KEY", wrong))))
        .hasMessageContaining("MESHDESK_KEY_ENCRYPTION_KEY differs");
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static List<String> ownerQuery(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                db.jdbcUrl(), db.ownerUser().orElseThrow(), db.ownerPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
