package io.meshdesk.cli.common;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;

/**
 * Writes a JSON tree as a YAML document (block style). Every string is double-quoted with JSON
 * escapes, which YAML reads back unchanged, so no value is ever mistaken for a number or boolean.
 */
final class Yaml {

  private static final Gson GSON = new Gson();

  private Yaml() {}

  /** The YAML document for {@code json}, ending in a newline. */
  static String of(JsonElement json) {
    StringBuilder out = new StringBuilder();
    if (json.isJsonObject() && json.getAsJsonObject().size() > 0) {
      object(json.getAsJsonObject(), 0, out);
    } else if (json.isJsonArray() && !json.getAsJsonArray().isEmpty()) {
      array(json, 0, out);
    } else {
      out.append(scalar(json)).append('\n');
    }
    return out.toString();
  }

  private static void object(JsonObject o, int indent, StringBuilder out) {
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      out.append(" ".repeat(indent)).append(key(e.getKey())).append(':');
      value(e.getValue(), indent, out);
    }
  }

  private static void array(JsonElement a, int indent, StringBuilder out) {
    for (JsonElement item : a.getAsJsonArray()) {
      out.append(" ".repeat(indent)).append('-');
      if (item.isJsonObject() && item.getAsJsonObject().size() > 0) {
        // The first key goes on the dash's line; the rest line up under it.
        StringBuilder nested = new StringBuilder();
        object(item.getAsJsonObject(), indent + 2, nested);
        out.append(' ').append(nested.substring(indent + 2));
      } else {
        value(item, indent, out);
      }
    }
  }

  private static void value(JsonElement v, int indent, StringBuilder out) {
    if (v.isJsonObject() && v.getAsJsonObject().size() > 0) {
      out.append('\n');
      object(v.getAsJsonObject(), indent + 2, out);
    } else if (v.isJsonArray() && !v.getAsJsonArray().isEmpty()) {
      out.append('\n');
      array(v, indent + 2, out);
    } else {
      out.append(' ').append(scalar(v)).append('\n');
    }
  }

  private static String scalar(JsonElement v) {
    if (v.isJsonNull()) {
      return "null";
    }
    if (v.isJsonObject()) {
      return "{}";
    }
    if (v.isJsonArray()) {
      return "[]";
    }
    if (v.getAsJsonPrimitive().isString()) {
      return GSON.toJson(v);
    }
    return v.getAsString();
  }

  private static String key(String k) {
    return k.matches("[A-Za-z_][A-Za-z0-9_]*") ? k : GSON.toJson(k);
  }
}
