package io.meshdesk.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsStoreTest {

  @TempDir Path home;

  private static Credentials sample(String access) {
    return new Credentials(
        "127.0.0.1:7001",
        false,
        access,
        Instant.parse("2030-01-02T03:04:05Z"),
        "refresh-secret",
        "demo",
        "admin",
        "admin@demo.meshdesk.dev");
  }

  @Test
  void savesOwnerOnlyFileInOwnerOnlyDirectoryAndReadsItBack() throws Exception {
    CredentialsStore store = new CredentialsStore(home.resolve("config/meshdesk"));

    store.save(sample("access-secret"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())))
        .isEqualTo("rwx------");
    assertThat(store.load()).contains(sample("access-secret"));
  }

  @Test
  void replacingTheSessionKeepsOwnerOnlyModeAndLeavesNoTemporaryFile() throws Exception {
    CredentialsStore store = new CredentialsStore(home.resolve("meshdesk"));
    store.save(sample("first"));

    store.save(sample("second"));

    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("second");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    try (var files = Files.list(store.file().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> !n.endsWith(".tmp"));
    }
  }

  @Test
  void missingFileMeansLoggedOutAndDeleteReportsIt() {
    CredentialsStore store = new CredentialsStore(home.resolve("nothing-here"));

    assertThat(store.load()).isEmpty();
    assertThat(store.delete()).isFalse();
  }

  @Test
  void unreadableFileIsAOneLineError() throws Exception {
    CredentialsStore store = new CredentialsStore(home);
    Files.writeString(store.file(), "{not json");

    assertThatThrownBy(store::load)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("saved credentials are unreadable; run `meshctl login` again");
  }

  @Test
  void toStringNeverShowsTokens() {
    assertThat(sample("access-secret").toString())
        .contains("admin@demo.meshdesk.dev")
        .doesNotContain("access-secret", "refresh-secret");
  }
}
