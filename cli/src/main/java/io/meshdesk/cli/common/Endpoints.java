package io.meshdesk.cli.common;

import java.util.Optional;

/**
 * Where one meshctl run sends its calls, each setting taken from the first of: its flag, its
 * environment variable, the context, the default. The context is the one named by {@code --context}
 * or {@code $MESHCTL_CONTEXT}, else the current context of {@code meshctl config}; an explicit
 * {@code --target} (or {@code $MESHDESK_TARGET}) without a named context uses no context at all, as
 * before contexts existed (and the context-free session).
 */
public final class Endpoints {

  private final String target;
  private final String contextName;
  private final MeshctlContext context;

  private Endpoints(String target, String contextName, MeshctlContext context) {
    this.target = target;
    this.contextName = contextName;
    this.context = context;
  }

  /**
   * Resolves the context.
   *
   * @param target {@code --target} or {@code $MESHDESK_TARGET}, or null
   * @param named {@code --context} or {@code $MESHCTL_CONTEXT}, or null
   * @throws IllegalArgumentException when the named (or current) context does not exist
   */
  public static Endpoints resolve(String target, String named) {
    String explicitTarget = blank(target) ? null : target;
    if (blank(named) && explicitTarget != null) {
      return new Endpoints(explicitTarget, null, null);
    }
    ContextStore store = ContextStore.standard();
    ContextStore.Contexts contexts = store.load();
    String name = blank(named) ? contexts.current().orElse(null) : named;
    if (name == null) {
      return new Endpoints(explicitTarget, null, null);
    }
    return new Endpoints(explicitTarget, name, contexts.named(name, store.file()));
  }

  /** The address of {@code server}: the target, else the context's, else its dev default. */
  public String address(Server server) {
    if (target != null) {
      return target;
    }
    return context != null ? context.address(server) : server.devAddress();
  }

  /** Whether every server is reached at one address (an explicit target). */
  public Optional<String> singleTarget() {
    return Optional.ofNullable(target);
  }

  /** The context's CA file, if any. */
  public Optional<String> caFile() {
    return context == null ? Optional.empty() : context.ca();
  }

  /** The context's default tenant, if any. */
  public Optional<String> tenant() {
    return context == null ? Optional.empty() : context.defaultTenant();
  }

  /** The name of the context in use, if any. */
  public Optional<String> contextName() {
    return Optional.ofNullable(contextName);
  }

  /** The saved session of the context in use (the context-free one without a context). */
  public CredentialsStore sessionStore() {
    return CredentialsStore.standard(contextName);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
