package io.meshdesk.identity.domain;

import io.meshdesk.platform.errors.ResourceExhaustedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing in the PHC string format ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), so parameters can be raised later and old hashes
 * still verify. Defaults follow the OWASP minimum for Argon2id (19 MiB, 2 passes, parallelism 1);
 * comparison is constant-time. Each hash holds about 19 MiB, so only a bounded number run at once:
 * a caller that finds every slot busy for {@code maxWait} is refused with RESOURCE_EXHAUSTED
 * instead of queueing (a flood of sign-ins cannot exhaust the heap).
 */
public final class PasswordHasher {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final Semaphore slots;
  private final Duration maxWait;
  private final String dummyHash;

  /**
   * A hasher with these Argon2id parameters running at most {@code slots.availablePermits()} hashes
   * at once.
   */
  public PasswordHasher(
      int memoryKib, int iterations, int parallelism, Semaphore slots, Duration maxWait) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.slots = slots;
    this.maxWait = maxWait;
    this.dummyHash = unbounded("not-a-real-password-" + RANDOM.nextLong());
  }

  /**
   * The production parameters, {@code concurrency} hashes at once, waiting at most 2 s for a slot.
   */
  public static PasswordHasher standard(int concurrency) {
    return new PasswordHasher(19_456, 2, 1, new Semaphore(concurrency), Duration.ofSeconds(2));
  }

  /** Hashes a password with a fresh 16-byte salt. */
  public String hash(String password) {
    return bounded(() -> unbounded(password));
  }

  private String unbounded(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKib, iterations, parallelism, 32);
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(out);
  }

  /** Whether {@code password} matches {@code encoded}; false for a malformed hash. */
  public boolean verify(String password, String encoded) {
    return bounded(() -> check(password, encoded));
  }

  private boolean check(String password, String encoded) {
    try {
      String[] parts = encoded.split("\\$");
      if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
        return false;
      }
      int m = 0;
      int t = 0;
      int p = 0;
      for (String kv : parts[3].split(",")) {
        int v = Integer.parseInt(kv.substring(2));
        switch (kv.charAt(0)) {
          case 'm' -> m = v;
          case 't' -> t = v;
          case 'p' -> p = v;
          default -> {
            return false;
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Spends the time of one verification on nothing, so unknown accounts take as long as known ones.
   */
  public void burn(String password) {
    verify(password, dummyHash);
  }

  private <T> T bounded(Supplier<T> work) {
    boolean got;
    try {
      got = slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      got = false;
    }
    if (!got) {
      throw new ResourceExhaustedException("too many sign-ins in progress; try again shortly");
    }
    try {
      return work.get();
    } finally {
      slots.release();
    }
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
