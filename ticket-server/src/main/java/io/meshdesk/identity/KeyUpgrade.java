package io.meshdesk.identity;

import io.meshdesk.identity.domain.KeySealer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The upgrade of installations whose signing keys were sealed without {@code
 * MESHDESK_KEY_ENCRYPTION_KEY} (scheme {@code aes-gcm:local}: the sealing key sits in the same
 * database, so a database leak leaks the keys). Re-seals every such key under the configured
 * key-encryption key ({@code aes-gcm:env}) and then deletes the database-kept key, in one
 * transaction. Run by {@code meshctl migrate} as the schema owner; running it again changes
 * nothing.
 */
public final class KeyUpgrade {

  /** Name of the database-kept sealing key in {@code identity.local_secret}. */
  public static final String LOCAL_KEY = "key-encryption-key";

  static final String LOCAL = "aes-gcm:local";
  static final String ENV = "aes-gcm:env";

  private KeyUpgrade() {}

  /**
   * How many signing keys are still sealed with the database-kept key (0 when the identity schema
   * is absent).
   */
  public static int countLocal(Connection c) throws SQLException {
    if (!hasIdentity(c)) {
      return 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement("select count(*) from identity.signing_key where encryption = ?")) {
      ps.setString(1, LOCAL);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * Re-seals every {@code aes-gcm:local} key with {@code keyEncryptionKey} and deletes the
   * database-kept key; returns how many keys were re-sealed. Every key already sealed with a
   * key-encryption key is checked to open with this one, so a mistyped key is refused here rather
   * than at ticket-server's start.
   *
   * @throws IllegalStateException when a key already sealed with a key-encryption key does not open
   *     with this one (the wrong key was configured), or a local key cannot be opened
   */
  public static int sealLocalKeys(Connection c, byte[] keyEncryptionKey) throws SQLException {
    if (!hasIdentity(c)) {
      return 0;
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      KeySealer target = new KeySealer(keyEncryptionKey, ENV);
      List<String[]> rows = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select kid, private_key, encryption from identity.signing_key for update")) {
        while (rs.next()) {
          rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
      KeySealer local = localSealer(c);
      int sealed = 0;
      for (String[] row : rows) {
        if (ENV.equals(row[2])) {
          target.open(row[1]);
        } else if (LOCAL.equals(row[2])) {
          if (local == null) {
            throw new IllegalStateException(
                "signing key " + row[0] + " is sealed with a database-kept key that is missing");
          }
          update(c, row[0], target.seal(local.open(row[1])));
          sealed++;
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("delete from identity.local_secret where name = ?")) {
        ps.setString(1, LOCAL_KEY);
        ps.executeUpdate();
      }
      c.commit();
      return sealed;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static boolean hasIdentity(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select to_regclass('identity.signing_key') is not null")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static KeySealer localSealer(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select value from identity.local_secret where name = ?")) {
      ps.setString(1, LOCAL_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new KeySealer(Base64.getDecoder().decode(rs.getString(1)), LOCAL) : null;
      }
    }
  }

  private static void update(Connection c, String kid, String sealed) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update identity.signing_key set private_key = ?, encryption = ? where kid = ?")) {
      ps.setString(1, sealed);
      ps.setString(2, ENV);
      ps.setString(3, kid);
      ps.executeUpdate();
    }
  }
}
