package io.meshdesk.platform.errors;

/**
 * A concurrent change won (a stale optimistic version, a serialization failure). The caller should
 * re-read and retry. {@link #currentVersion()} carries the version that is current now, when known.
 */
public class ConflictException extends DomainException {

  private static final long serialVersionUID = 1L;

  private final long currentVersion;

  public ConflictException(String message, long currentVersion) {
    super(message);
    this.currentVersion = currentVersion;
  }

  public ConflictException(String message) {
    this(message, -1);
  }

  /** The current version of the entity, or -1 when unknown. */
  public long currentVersion() {
    return currentVersion;
  }
}
