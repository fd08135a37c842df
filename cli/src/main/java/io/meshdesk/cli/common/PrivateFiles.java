package io.meshdesk.cli.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/** Files only their owner may read (0600 in a 0700 directory): the session and the contexts. */
final class PrivateFiles {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateFiles() {}

  /**
   * Writes {@code content} to a new 0600 file beside {@code file}, then moves it over {@code file},
   * so a reader never sees half a file and the file is never readable by others, even briefly.
   */
  static void write(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    ensureDirectory(dir);
    Path tmp = dir.resolve("." + file.getFileName() + "-" + UUID.randomUUID() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            ownerOnly("rw-------"))) {
      ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Creates {@code dir} (0700) and its parents if missing. */
  static void ensureDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      if (dir.getParent() != null) {
        Files.createDirectories(dir.getParent());
      }
      try {
        Files.createDirectory(dir, ownerOnly("rwx------"));
      } catch (FileAlreadyExistsException raced) {
        // another meshctl created it first
      }
    }
  }

  /** The owner-only permission attribute, where the file system has POSIX permissions. */
  static FileAttribute<?>[] ownerOnly(String perms) {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))
        }
        : new FileAttribute<?>[0];
  }
}
