package io.meshdesk.cli.ledger;

import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.BatchPostResponse;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.OperationOutcome;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.ProgressBar;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import io.meshdesk.cli.common.Terminal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meshctl postings import FILE.csv}: posts every line of a CSV file through BatchPost in
 * chunks and writes one result line per input line (line, status, transaction id or error). A run
 * that stops half-way is resumed by running it again: lines already in the result file are skipped,
 * and each line's idempotency key (file digest + line number) keeps a line from posting twice even
 * when its result was lost. A bad line is reported on its own result line; the others are posted.
 */
@Command(
    name = "import",
    description = {
      "Post the lines of a CSV file (" + ImportLine.HEADER + ") in chunks through BatchPost.",
      "Writes FILE.results.csv (line,status,transaction_id,error); run again to resume.",
      "Exits with 5 when a line was declined or invalid."
    })
@Rpc(OnLedger.SERVICE + "BatchPost")
public final class PostingsImportCommand extends OnLedger {

  @Parameters(paramLabel = "FILE", description = "CSV file with a header line.")
  Path file;

  @Option(names = "--results", description = "Result file (default: FILE.results.csv).")
  Path results;

  @Option(
      names = "--chunk-size",
      defaultValue = "200",
      description = "Lines per BatchPost call, 1..1000 (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  @Option(
      names = "--max-lines",
      description = "Post at most this many lines in this run (the rest on the next run).")
  Integer maxLines;

  @Override
  protected int run(LedgerServiceBlockingStub ledger, Output out) throws IOException {
    if (chunkSize < 1 || chunkSize > 1000) {
      throw new IllegalArgumentException("--chunk-size must be 1..1000, got " + chunkSize);
    }
    byte[] content = Files.readAllBytes(file);
    String fileId = digest(content);
    List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
    if (lines.isEmpty() || !lines.get(0).strip().equalsIgnoreCase(ImportLine.HEADER)) {
      throw new IllegalArgumentException(file + ": first line must be " + ImportLine.HEADER);
    }
    Path resultFile = results != null ? results : Path.of(file + ".results.csv");
    Set<Integer> done = doneLines(resultFile);
    List<ImportLine> todo = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank() && !done.contains(i + 1)) {
        todo.add(ImportLine.parse(fileId, i + 1, lines.get(i)));
      }
    }
    if (maxLines != null && todo.size() > maxLines) {
      todo = todo.subList(0, maxLines);
    }
    Counts counts = new Counts();
    ProgressBar bar = new ProgressBar(System.err, "import", todo.size(), Terminal.interactive());
    try (BufferedWriter w =
        Files.newBufferedWriter(resultFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      if (done.isEmpty() && Files.size(resultFile) == 0) {
        w.write("line,status,transaction_id,error\n");
      }
      for (int from = 0; from < todo.size(); from += chunkSize) {
        post(ledger, todo.subList(from, Math.min(todo.size(), from + chunkSize)), w, counts);
        w.flush();
        bar.update(Math.min(todo.size(), from + chunkSize), counts.toString());
      }
    }
    bar.finish();
    out.print(
        BatchPostResponse.newBuilder()
            .setAcceptedCount(counts.posted)
            .setDeclinedCount(counts.declined + counts.invalid)
            .build(),
        () ->
            new Table("POSTED", "DECLINED", "INVALID", "SKIPPED", "RESULTS")
                .row(counts.posted, counts.declined, counts.invalid, done.size(), resultFile));
    return counts.declined + counts.invalid > 0 ? 5 : 0;
  }

  private static void post(
      LedgerServiceBlockingStub ledger, List<ImportLine> chunk, BufferedWriter w, Counts counts)
      throws IOException {
    BatchPostRequest.Builder req = BatchPostRequest.newBuilder();
    List<ImportLine> sent = new ArrayList<>();
    for (ImportLine line : chunk) {
      if (line.operation() == null) {
        counts.invalid++;
        w.write(line.number() + ",invalid,," + csv(line.error()) + "\n");
      } else {
        req.addOperations(line.operation());
        sent.add(line);
      }
    }
    if (sent.isEmpty()) {
      return;
    }
    BatchPostResponse r = ledger.batchPost(req.build());
    for (var result : r.getResultsList()) {
      ImportLine line = sent.get(result.getIndex());
      OperationResult op = result.getResult();
      if (op.getOutcome() == OperationOutcome.OPERATION_OUTCOME_ACCEPTED) {
        counts.posted++;
        w.write(line.number() + ",posted," + op.getTransaction().getId() + ",\n");
      } else {
        counts.declined++;
        String reason = Formats.enumWord(op.getDeclineReason().name(), "DECLINE_REASON_");
        String detail = op.getDeclineDetail().isEmpty() ? "" : ": " + op.getDeclineDetail();
        w.write(line.number() + ",declined,," + csv(reason + detail) + "\n");
      }
    }
  }

  /** Line numbers already in the result file (its first column). */
  private static Set<Integer> doneLines(Path resultFile) throws IOException {
    Set<Integer> done = new HashSet<>();
    if (Files.exists(resultFile)) {
      for (String line : Files.readAllLines(resultFile)) {
        int comma = line.indexOf(',');
        if (comma > 0 && Character.isDigit(line.charAt(0))) {
          done.add(Integer.parseInt(line.substring(0, comma)));
        }
      }
    }
    return done;
  }

  private static String csv(String s) {
    return '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }

  private static String digest(byte[] content) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What happened to the lines of this run. */
  private static final class Counts {
    int posted;
    int declined;
    int invalid;

    @Override
    public String toString() {
      return "posted=" + posted + " declined=" + declined + " invalid=" + invalid;
    }
  }
}
