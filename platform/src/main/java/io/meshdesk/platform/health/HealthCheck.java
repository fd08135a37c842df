package io.meshdesk.platform.health;

/** A dependency whose reachability decides whether a server reports SERVING. */
public interface HealthCheck {

  /** Short name used in logs, e.g. {@code postgresql}. */
  String name();

  /** True when the dependency answers now. Must return within a second or two and never throw. */
  boolean healthy();
}
