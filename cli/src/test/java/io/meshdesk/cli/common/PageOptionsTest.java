package io.meshdesk.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.cli.Meshctl;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PageOptionsTest {

  @Command(name = "list")
  static final class Lister implements Runnable {
    @Mixin PageOptions page;

    @Override
    public void run() {}
  }

  @Test
  void limitIsAcceptedAsThePageSize() {
    Lister lister = new Lister();
    new CommandLine(lister).parseArgs("--limit", "5", "--page-token", "t");
    assertThat(lister.page.request().getPageSize()).isEqualTo(5);
    assertThat(lister.page.request().getPageToken()).isEqualTo("t");
  }

  @Test
  void ticketsListTakesLimitAsEveryOtherListCommandDoes() {
    var parsed = Meshctl.commandLine().parseArgs("tickets", "list", "--limit", "3");
    assertThat(parsed.subcommand().subcommand().matchedOptionValue("--limit", 0)).isEqualTo(3);
  }
}
