package io.meshdesk.cli.kb;

import io.meshdesk.ai.knowledge.Slugs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An article read from a Markdown file: the title is the first {@code # } heading, else the file
 * name; the slug comes from the file name, so re-importing a file updates the same article.
 *
 * @param slug URL-safe name from the file name
 * @param title title
 * @param body the whole file
 */
record MarkdownArticle(String slug, String title, String body) {

  static MarkdownArticle read(Path file) throws IOException {
    String body = Files.readString(file, StandardCharsets.UTF_8);
    String base = file.getFileName().toString().replaceFirst("\\.(md|markdown)$", "");
    String title =
        body.lines()
            .filter(l -> l.startsWith("# "))
            .map(l -> l.substring(2).strip())
            .filter(t -> !t.isEmpty())
            .findFirst()
            .orElse(base.replaceAll("[-_]+", " ").strip());
    if (title.length() > 200) {
      title = title.substring(0, 200);
    }
    return new MarkdownArticle(Slugs.of(base), title, body.isBlank() ? title : body);
  }
}
