package io.meshdesk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator (or attacker with the owner's password) starts a server with the schema owner's
 * credentials: the server refuses to start and names the problem in one line, before listening.
 */
class OwnerCredentialsAttackIT {

  @TempDir Path logs;

  @Test
  void aServerGivenTheOwnersCredentialsRefusesToStartAndSaysWhy() throws Exception {
    TestEnvironment env = TestEnvironment.get();
    DatabaseConfig db = env.newDatabase("dist-owner");
    io.meshdesk.platform.db.Migrations.apply(db, io.meshdesk.ticket.TicketServer.CHANGELOGS);
    Map<String, String> vars =
        Distribution.environment(
            db, db.ownerUser().orElseThrow(), db.ownerPassword(), env.newRedis("dist-owner"));
    vars.put("MESHDESK_TICKET_HOST", "127.0.0.1");
    vars.put("MESHDESK_TICKET_PORT", Integer.toString(Distribution.freePort()));
    vars.put("MESHDESK_TICKET_METRICS_PORT", "-1");
    Path log = logs.resolve("ticket-server.log");

    int exit = Distribution.run("ticket-server", vars, log);

    String output = Files.readString(log);
    assertThat(exit).as(output).isEqualTo(2);
    assertThat(output)
        .contains(
            "ticket-server: MESHDESK_DATABASE_USER role " + db.ownerUser().orElseThrow() + " ")
        .contains("owns the database")
        .contains("owns")
        .doesNotContain("listening on");
  }
}
