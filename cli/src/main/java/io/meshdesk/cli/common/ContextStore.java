package io.meshdesk.cli.common;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * meshctl's named contexts and the current one, in {@code config.json} (mode 0600, since a context
 * names where its session is used): {@code $MESHCTL_CONFIG} (or system property {@code
 * meshctl.config}) when set, else {@code config.json} in the configuration directory of {@link
 * CredentialsStore#standardDir()}.
 */
public final class ContextStore {

  /** System property naming the config file (tests); wins over {@code $MESHCTL_CONFIG}. */
  public static final String FILE_PROPERTY = "meshctl.config";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private final Path file;

  /** The contexts kept in {@code file}. */
  public ContextStore(Path file) {
    this.file = file;
  }

  /** The contexts at the standard location. */
  public static ContextStore standard() {
    String override = System.getProperty(FILE_PROPERTY);
    if (override == null || override.isBlank()) {
      override = System.getenv("MESHCTL_CONFIG");
    }
    return new ContextStore(
        override != null && !override.isBlank()
            ? Path.of(override)
            : CredentialsStore.standardDir().resolve("config.json"));
  }

  /** The config file. */
  public Path file() {
    return file;
  }

  /**
   * Checks a context name: letters, digits, {@code .}, {@code _} and {@code -}, at most 63 (it
   * names the context's session file).
   *
   * @throws IllegalArgumentException naming the problem in one line
   */
  public static String validName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "context name must be 1-63 letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    return name;
  }

  /** What the file holds: every context by name, and the current one. */
  public record Contexts(Optional<String> current, Map<String, MeshctlContext> all) {

    /** The context called {@code name}, or a one-line error listing where to look. */
    public MeshctlContext named(String name, Path file) {
      MeshctlContext c = all.get(name);
      if (c == null) {
        throw new IllegalArgumentException(
            "no context '" + name + "' in " + file + " (see `meshctl config get-contexts`)");
      }
      return c;
    }
  }

  /** Reads the file; no file means no contexts. */
  public Contexts load() {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Contexts(Optional.empty(), new TreeMap<>());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      JsonObject root = JsonParser.parseString(json).getAsJsonObject();
      Map<String, MeshctlContext> all = new TreeMap<>();
      JsonObject contexts =
          root.has("contexts") ? root.getAsJsonObject("contexts") : new JsonObject();
      for (Map.Entry<String, JsonElement> e : contexts.entrySet()) {
        JsonObject c = e.getValue().getAsJsonObject();
        all.put(
            e.getKey(),
            new MeshctlContext(
                text(c, "edge"),
                text(c, "ticket"),
                text(c, "ledger"),
                text(c, "ai"),
                text(c, "ca_file"),
                text(c, "tenant")));
      }
      return new Contexts(Optional.ofNullable(text(root, "current_context")), all);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a meshctl config: " + e.getMessage());
    }
  }

  /** Replaces the file's contents with {@code contexts} (mode 0600, atomically). */
  public void save(Contexts contexts) {
    JsonObject root = new JsonObject();
    contexts.current().ifPresent(c -> root.addProperty("current_context", c));
    JsonObject all = new JsonObject();
    contexts
        .all()
        .forEach(
            (name, c) -> {
              JsonObject o = new JsonObject();
              put(o, "edge", c.edge());
              put(o, "ticket", c.ticket());
              put(o, "ledger", c.ledger());
              put(o, "ai", c.ai());
              put(o, "ca_file", c.caFile());
              put(o, "tenant", c.tenant());
              all.add(name, o);
            });
    root.add("contexts", all);
    try {
      PrivateFiles.write(file, new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Adds or replaces context {@code name}, optionally making it the current one. */
  public void put(String name, MeshctlContext context, boolean select) {
    Contexts now = load();
    Map<String, MeshctlContext> all = new TreeMap<>(now.all());
    all.put(validName(name), context);
    save(new Contexts(select ? Optional.of(name) : now.current(), all));
  }

  private static String text(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static void put(JsonObject o, String key, String value) {
    if (value != null && !value.isBlank()) {
      o.addProperty(key, value);
    }
  }
}
