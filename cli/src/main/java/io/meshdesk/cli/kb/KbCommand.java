package io.meshdesk.cli.kb;

import picocli.CommandLine.Command;

/** {@code meshctl kb}: the knowledge base (served by the ai-worker, default port 7003). */
@Command(
    name = "kb",
    description =
        "Manage and search knowledge-base articles (use --target with the ai-worker, e.g. localhost:7003).",
    subcommands = {
      KbArticleCommands.Create.class,
      KbArticleCommands.Get.class,
      KbArticleCommands.ListArticles.class,
      KbArticleCommands.Update.class,
      KbArticleCommands.Delete.class,
      KbImportCommand.class,
      KbSearchCommand.class
    })
public final class KbCommand {}
