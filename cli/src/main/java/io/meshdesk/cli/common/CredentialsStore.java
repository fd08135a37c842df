package io.meshdesk.cli.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;

/**
 * The saved session file, {@code credentials.json}, readable only by its owner (0600, in a 0700
 * directory). Directory: {@code $MESHDESK_CONFIG_DIR} (or system property {@code
 * meshdesk.config.dir}), else {@code $XDG_CONFIG_HOME/meshdesk}, else {@code ~/.config/meshdesk}.
 */
public final class CredentialsStore {

  /** System property that overrides the directory (tests); wins over the environment. */
  public static final String DIR_PROPERTY = "meshdesk.config.dir";

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path dir;

  public CredentialsStore(Path dir) {
    this.dir = dir;
  }

  /** The store at the standard location. */
  public static CredentialsStore standard() {
    String override = System.getProperty(DIR_PROPERTY);
    if (override == null || override.isBlank()) {
      override = System.getenv("MESHDESK_CONFIG_DIR");
    }
    if (override != null && !override.isBlank()) {
      return new CredentialsStore(Path.of(override));
    }
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return new CredentialsStore(base.resolve("meshdesk"));
  }

  /** The credentials file. */
  public Path file() {
    return dir.resolve("credentials.json");
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
      ensureDirectory();
      Path tmp = dir.resolve(".credentials-" + UUID.randomUUID() + ".tmp");
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              ownerOnly("rw-------"))) {
        ByteBuffer buf = ByteBuffer.wrap(credentials.toJson().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
      ensureDirectory();
      Path lockFile = dir.resolve(".credentials.lock");
      try (FileChannel ch =
              FileChannel.open(
                  lockFile,
                  java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                  ownerOnly("rw-------"));
          FileLock ignored = ch.lock()) {
        return action.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
    }
  }

  private void ensureDirectory() throws IOException {
    if (!Files.isDirectory(dir)) {
      if (dir.getParent() != null) {
        Files.createDirectories(dir.getParent());
      }
      try {
        Files.createDirectory(dir, ownerOnly("rwx------"));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another meshctl created it first
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly(String perms) {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))
        }
        : new FileAttribute<?>[0];
  }
}
