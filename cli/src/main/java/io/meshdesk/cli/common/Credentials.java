package io.meshdesk.cli.common;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.meshdesk.api.identity.v1.Principal;
import io.meshdesk.api.identity.v1.TokenSet;
import io.meshdesk.platform.proto.ProtoTime;
import java.time.Instant;

/**
 * A saved session: where it was signed in, its tokens and who it belongs to. {@link #toString()}
 * never shows the tokens.
 *
 * @param target ticket-server address the session was signed in at (refresh goes there)
 * @param tls whether that address is reached with TLS
 * @param accessToken the bearer access token
 * @param accessTokenExpiresAt when the access token stops being accepted
 * @param refreshToken the single-use refresh token
 * @param tenant tenant slug signed in to; empty for platform admins
 * @param role role of the principal, e.g. {@code admin}
 * @param email sign-in email
 */
public record Credentials(
    String target,
    boolean tls,
    String accessToken,
    Instant accessTokenExpiresAt,
    String refreshToken,
    String tenant,
    String role,
    String email) {

  /** Credentials from a sign-in (login, bootstrap or refresh). */
  public static Credentials of(
      String target, boolean tls, TokenSet tokens, Principal principal, String tenant) {
    return new Credentials(
        target,
        tls,
        tokens.getAccessToken(),
        ProtoTime.instant(tokens.getAccessTokenExpiresAt()),
        tokens.getRefreshToken(),
        tenant,
        Formats.role(principal.getRole()),
        principal.getEmail());
  }

  /** The same session with new tokens (after a refresh). */
  public Credentials withTokens(TokenSet tokens) {
    return new Credentials(
        target,
        tls,
        tokens.getAccessToken(),
        ProtoTime.instant(tokens.getAccessTokenExpiresAt()),
        tokens.getRefreshToken(),
        tenant,
        role,
        email);
  }

  /** The JSON document saved on disk. */
  String toJson() {
    Struct s =
        Struct.newBuilder()
            .putFields("target", str(target))
            .putFields("tls", Value.newBuilder().setBoolValue(tls).build())
            .putFields("access_token", str(accessToken))
            .putFields("access_token_expires_at", str(accessTokenExpiresAt.toString()))
            .putFields("refresh_token", str(refreshToken))
            .putFields("tenant", str(tenant))
            .putFields("role", str(role))
            .putFields("email", str(email))
            .build();
    try {
      return JsonFormat.printer().print(s) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@link #toJson()}; fails with a one-line message naming the problem. */
  static Credentials fromJson(String json) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, b);
      var f = b.getFieldsMap();
      return new Credentials(
          f.get("target").getStringValue(), f.containsKey("tls") && f.get("tls").getBoolValue(),
          f.get("access_token").getStringValue(),
              Instant.parse(f.get("access_token_expires_at").getStringValue()),
          f.get("refresh_token").getStringValue(),
              f.getOrDefault("tenant", str("")).getStringValue(),
          f.getOrDefault("role", str("")).getStringValue(),
              f.getOrDefault("email", str("")).getStringValue());
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException(
          "saved credentials are unreadable; run `meshctl login` again");
    }
  }

  private static Value str(String v) {
    return Value.newBuilder().setStringValue(v == null ? "" : v).build();
  }

  @Override
  public String toString() {
    return "Credentials[" + email + " (" + role + ") tenant=" + tenant + " at " + target + "]";
  }
}
