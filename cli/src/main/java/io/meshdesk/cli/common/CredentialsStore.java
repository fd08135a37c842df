package io.meshdesk.cli.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The saved session file, {@code credentials.json} ({@code credentials-<context>.json} for a named
 * context), readable only by its owner (0600, in a 0700 directory). Directory: {@code
 * $MESHDESK_CONFIG_DIR} (or system property {@code meshdesk.config.dir}), else {@code
 * $XDG_CONFIG_HOME/meshdesk}, else {@code ~/.config/meshdesk}.
 */
public final class CredentialsStore {

  /** System property that overrides the directory (tests); wins over the environment. */
  public static final String DIR_PROPERTY = "meshdesk.config.dir";

  private final Path dir;
  private final String name;

  /** The session file {@code credentials.json} in {@code dir}. */
  public CredentialsStore(Path dir) {
    this(dir, "credentials");
  }

  private CredentialsStore(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /**
   * The session of context {@code context} at the standard location ({@code
   * credentials-<context>.json}), or the context-free {@code credentials.json} when null.
   */
  public static CredentialsStore standard(String context) {
    return context == null
        ? standard()
        : new CredentialsStore(standardDir(), "credentials-" + context);
  }

  /** The context-free session at the standard location. */
  public static CredentialsStore standard() {
    return new CredentialsStore(standardDir());
  }

  /** The standard configuration directory (see the class comment). */
  public static Path standardDir() {
    String override = System.getProperty(DIR_PROPERTY);
    if (override == null || override.isBlank()) {
      override = System.getenv("MESHDESK_CONFIG_DIR");
    }
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("meshdesk");
  }

  /** The credentials file. */
  public Path file() {
    return dir.resolve(name + ".json");
  }

  /** The saved credentials, if any. */
  public Optional<Credentials> load() {
    try {
      return Optional.of(Credentials.fromJson(Files.readString(file(), StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Saves the credentials: written to a new 0600 file next to the old one, then moved over it, so a
   * reader never sees half a file and the file is never readable by others, even briefly.
   */
  public void save(Credentials credentials) {
    try {
      PrivateFiles.write(file(), credentials.toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file() + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the credentials file; true if there was one. */
  public boolean delete() {
    try {
      return Files.deleteIfExists(file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code action} holding an exclusive lock, so two meshctl processes never refresh at once.
   */
  public <T> T locked(java.util.function.Supplier<T> action) {
    try {
      PrivateFiles.ensureDirectory(dir);
      Path lockFile = dir.resolve("." + name + ".lock");
      try (FileChannel ch =
              FileChannel.open(
                  lockFile,
                  java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                  PrivateFiles.ownerOnly("rw-------"));
          FileLock ignored = ch.lock()) {
        return action.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
    }
  }
}
