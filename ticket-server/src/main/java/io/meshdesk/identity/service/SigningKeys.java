package io.meshdesk.identity.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.meshdesk.identity.domain.KeySealer;
import io.meshdesk.identity.domain.SigningKeyInfo;
import io.meshdesk.platform.auth.SigningKeySource;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The ES256 signing keys: one active key signs, rotated-out keys verify until their tokens have
 * expired. Doubles as this server's in-process {@link SigningKeySource}: the live set is cached and
 * reloaded when stale or when a token names an unknown {@code kid} (at most every 2 s).
 */
public final class SigningKeys implements SigningKeySource {

  private static final Duration CACHE = Duration.ofSeconds(30);
  private static final Duration MIN_RELOAD = Duration.ofSeconds(2);

  private final IdentityTransactions tx;
  private final KeySealer sealer;
  private final Clock clock;
  private final Duration accessTtl;
  private volatile Map<String, ECKey> verifying = Map.of();
  private volatile ECKey signing;
  private volatile Instant loadedAt = Instant.EPOCH;

  public SigningKeys(IdentityTransactions tx, KeySealer sealer, Clock clock, Duration accessTtl) {
    this.tx = tx;
    this.sealer = sealer;
    this.clock = clock;
    this.accessTtl = accessTtl;
  }

  /** Creates the first key when there is none, then loads the set. */
  public void ensureActive() {
    tx.unscoped(
        unit -> {
          if (unit.keys().lockActive().isEmpty()) {
            insertNew(unit.keys());
          }
          return null;
        });
    reload();
  }

  /** The private key that signs new tokens. */
  public ECKey signingKey() {
    if (signing == null || loadedAt.plus(CACHE).isBefore(clock.instant())) {
      reload();
    }
    return signing;
  }

  /**
   * Rotates: a new key signs from now on; the previous one verifies for {@code overlap} (default:
   * the access-token lifetime). Returns the new key's id.
   */
  public String rotate(
      io.meshdesk.platform.auth.Principal caller, Duration overlap, AuditLog audit) {
    Duration keep = overlap == null ? accessTtl : overlap;
    String kid =
        tx.platform(
            unit -> {
              SigningKeyRing ring = unit.keys();
              String old = ring.lockActive().map(SigningKeyRing.StoredKey::kid).orElse("");
              ring.retireActive(clock.instant().plus(keep).plus(Duration.ofSeconds(30)));
              String created = insertNew(ring);
              audit.record(
                  unit,
                  null,
                  audit.actor(unit, caller),
                  "signing_key.rotated",
                  "signing_key",
                  created,
                  Map.of("previous_kid", old, "overlap_seconds", Long.toString(keep.toSeconds())));
              return created;
            });
    reload();
    return kid;
  }

  /** Every key that verifies now, newest first. */
  public List<SigningKeyInfo> live() {
    return tx.unscoped(u -> u.keys().live(clock.instant())).stream()
        .map(
            r ->
                new SigningKeyInfo(
                    r.kid(), parse(r.publicJwk()), r.active(), r.createdAt(), r.expiresAt()))
        .toList();
  }

  @Override
  public Optional<JWK> find(String kid) {
    Instant now = clock.instant();
    if (loadedAt.plus(CACHE).isBefore(now)
        || (!verifying.containsKey(kid) && loadedAt.plus(MIN_RELOAD).isBefore(now))) {
      reload();
    }
    return Optional.ofNullable(verifying.get(kid));
  }

  private synchronized void reload() {
    List<SigningKeyRing.StoredKey> rows = tx.unscoped(u -> u.keys().live(clock.instant()));
    ECKey active = null;
    List<ECKey> pub = new ArrayList<>();
    for (SigningKeyRing.StoredKey r : rows) {
      pub.add(parse(r.publicJwk()));
      if (r.active()) {
        active = parse(sealer.open(r.privateKey()));
      }
    }
    verifying = pub.stream().collect(Collectors.toUnmodifiableMap(ECKey::getKeyID, k -> k));
    signing = active;
    loadedAt = clock.instant();
  }

  private String insertNew(SigningKeyRing ring) {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
      ring.insertActive(
          new SigningKeyRing.StoredKey(
              key.getKeyID(),
              key.toPublicJWK().toJSONString(),
              sealer.seal(key.toJSONString()),
              sealer.scheme(),
              true,
              clock.instant(),
              null));
      return key.getKeyID();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a signing key", e);
    }
  }

  private static ECKey parse(String json) {
    try {
      return ECKey.parse(json);
    } catch (ParseException e) {
      throw new IllegalStateException("corrupt signing key", e);
    }
  }
}
