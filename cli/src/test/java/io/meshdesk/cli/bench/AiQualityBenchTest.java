package io.meshdesk.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.cli.CliRun;
import io.meshdesk.cli.Meshctl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshctl bench ai-quality} on a dataset of one's own, and on a directory without one. */
class AiQualityBenchTest {

  @TempDir Path dir;

  @Test
  void printsTheMethodsSideBySideForAGivenDataset() throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getResourceAsStream("/quality/tickets.jsonl")) {
      lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> l.contains("\"tenant\": \"acme-shop\""))
              .limit(40)
              .toList();
    }
    assertThat(lines).hasSize(40);
    Files.write(dir.resolve("tickets.jsonl"), lines);

    CliRun.Result result = CliRun.meshctl("bench", "ai-quality", "--dataset", dir.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("40 tickets")
        .contains("tenant acme-shop")
        .containsPattern("(?m)^lexicon +\\d\\.\\d{3} / \\d\\.\\d{3}")
        .containsPattern("(?m)^embeddings +\\d\\.\\d{3} / \\d\\.\\d{3}")
        .containsPattern("(?m)^hybrid +\\d\\.\\d{3} / \\d\\.\\d{3}")
        .contains("expected calibration error")
        .containsPattern("path per ticket .*: p50 [0-9.]+ ms, p95 [0-9.]+ ms");
  }

  @Test
  void aDirectoryWithoutADatasetIsAUsageError() {
    CliRun.Result result = CliRun.meshctl("bench", "ai-quality", "--dataset", dir.toString());
    assertThat(result.exit()).isEqualTo(Meshctl.EXIT_USAGE);
    assertThat(result.err().strip()).isEqualTo("meshctl: no tickets.jsonl in " + dir);
  }
}
