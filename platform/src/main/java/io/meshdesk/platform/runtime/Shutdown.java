package io.meshdesk.platform.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes resources in the reverse order of their registration, once, from a JVM shutdown hook or
 * explicitly. Used by every {@code Main} and by {@code meshctl dev}.
 */
public final class Shutdown implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private boolean closed;

  /** Registers a resource; returns it for chaining. */
  public synchronized <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Closes everything on JVM shutdown (Ctrl-C, SIGTERM). */
  public Shutdown onJvmExit() {
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("meshdesk-shutdown").unstarted(this::close));
    return this;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        log.warn("error while stopping {}: {}", r.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
