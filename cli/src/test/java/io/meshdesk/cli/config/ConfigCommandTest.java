package io.meshdesk.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.meshdesk.cli.CliRun;
import io.meshdesk.cli.CliRun.Result;
import io.meshdesk.cli.common.ContextStore;
import io.meshdesk.cli.common.CredentialsStore;
import io.meshdesk.cli.common.Endpoints;
import io.meshdesk.cli.common.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshctl config}: contexts saved owner-only, switched, listed, deleted, and resolved. */
class ConfigCommandTest {

  @TempDir Path dir;

  @BeforeEach
  void isolateConfig() {
    System.setProperty(CredentialsStore.DIR_PROPERTY, dir.toString());
    System.clearProperty(ContextStore.FILE_PROPERTY);
  }

  @AfterEach
  void restore() {
    System.clearProperty(CredentialsStore.DIR_PROPERTY);
  }

  private static JsonObject contexts() {
    Result r = CliRun.meshctl("config", "get-contexts", "-o", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    return JsonParser.parseString(r.out()).getAsJsonObject();
  }

  @Test
  void the_first_context_becomes_current_in_an_owner_only_file_and_use_context_switches()
      throws Exception {
    assertThat(
            CliRun.meshctl(
                    "config",
                    "set-context",
                    "prod",
                    "--edge",
                    "edge.example:443",
                    "--tenant",
                    "acme")
                .exit())
        .isZero();
    assertThat(
            CliRun.meshctl(
                    "config",
                    "set-context",
                    "lab",
                    "--ticket",
                    "t.lab:1",
                    "--ledger",
                    "l.lab:2",
                    "--ai",
                    "a.lab:3")
                .exit())
        .isZero();

    Path file = dir.resolve("config.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(contexts().get("current_context").getAsString()).isEqualTo("prod");
    assertThat(CliRun.meshctl("config", "current-context").out()).isEqualTo("prod\n");
    Endpoints prod = Endpoints.resolve(null, null);
    assertThat(prod.address(Server.LEDGER)).isEqualTo("edge.example:443");
    assertThat(prod.tenant()).contains("acme");

    assertThat(CliRun.meshctl("config", "use-context", "lab").exit()).isZero();

    Endpoints lab = Endpoints.resolve(null, null);
    assertThat(lab.address(Server.TICKET)).isEqualTo("t.lab:1");
    assertThat(lab.address(Server.LEDGER)).isEqualTo("l.lab:2");
    assertThat(lab.address(Server.AI)).isEqualTo("a.lab:3");
    assertThat(lab.sessionStore().file()).isEqualTo(dir.resolve("credentials-lab.json"));
    assertThat(Endpoints.resolve(null, "prod").address(Server.AI)).isEqualTo("edge.example:443");
    // a context may be named like a command
    assertThat(CliRun.meshctl("config", "set-context", "dev", "--ticket", "t.dev:1").exit())
        .isZero();
    assertThat(CliRun.meshctl("--context", "dev", "config", "current-context").exit()).isZero();
    assertThat(CliRun.meshctl("config", "use-context", "dev").exit()).isZero();
  }

  @Test
  void an_explicit_target_wins_over_the_context_and_no_context_means_the_dev_ports() {
    assertThat(Endpoints.resolve(null, null).address(Server.LEDGER)).isEqualTo("localhost:7002");
    CliRun.meshctl("config", "set-context", "lab", "--ticket", "t.lab:1");

    Endpoints e = Endpoints.resolve("elsewhere:9", null);

    assertThat(e.address(Server.TICKET)).isEqualTo("elsewhere:9");
    assertThat(e.contextName()).isEmpty();
    assertThat(Endpoints.resolve("elsewhere:9", "lab").address(Server.AI)).isEqualTo("elsewhere:9");
    assertThat(Endpoints.resolve(null, "lab").address(Server.LEDGER)).isEqualTo("localhost:7002");
  }

  @Test
  void an_unknown_context_is_one_line_and_exit_2_before_any_call() {
    CliRun.meshctl("config", "set-context", "lab", "--ticket", "127.0.0.1:1");

    for (Result r :
        new Result[] {
          CliRun.meshctl("--context", "nope", "tickets", "list"),
          CliRun.meshctl("tickets", "list", "--context", "nope"),
          CliRun.meshctl("config", "use-context", "nope")
        }) {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).startsWith("meshctl: no context 'nope' in ").hasLineCount(1);
    }
    assertThat(CliRun.meshctl("config", "set-context", "../x").err())
        .contains("context name must be");
  }

  @Test
  void delete_context_removes_it_its_session_and_the_current_mark() throws Exception {
    CliRun.meshctl("config", "set-context", "lab", "--ticket", "t.lab:1");
    Files.writeString(dir.resolve("credentials-lab.json"), "{}");

    Result r = CliRun.meshctl("config", "delete-context", "lab");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(contexts().getAsJsonArray("contexts")).isEmpty();
    assertThat(contexts().get("current_context").getAsString()).isEmpty();
    assertThat(dir.resolve("credentials-lab.json")).doesNotExist();
    assertThat(CliRun.meshctl("config", "current-context").exit()).isEqualTo(3);
  }
}
