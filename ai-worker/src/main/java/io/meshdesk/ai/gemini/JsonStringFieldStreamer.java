package io.meshdesk.ai.gemini;

/**
 * Decodes one string field of a top-level JSON object while the JSON is still arriving, so the
 * reply can be shown before the model has finished the whole object.
 *
 * <p>Feed the text in order with {@link #accept}; each call returns the characters of the field's
 * value decoded since the previous call (escapes resolved, {@code \\uXXXX} included). Only the
 * first occurrence of the field at the top level counts; nested objects and other fields are
 * skipped. A high surrogate is held back until its low half arrives, so no chunk ends inside a code
 * point. Not thread-safe: one instance per response.
 */
final class JsonStringFieldStreamer {

  private enum Role {
    KEY,
    TARGET,
    OTHER
  }

  private final String field;
  private final StringBuilder key = new StringBuilder();
  private final StringBuilder out = new StringBuilder();
  private int depth;
  private boolean inString;
  private boolean escape;
  private int unicodeDigits = -1;
  private int unicodeValue;
  private Role role = Role.OTHER;
  private boolean expectKey;
  private boolean lastKeyIsField;
  private boolean valueIsNext;
  private boolean done;
  private char heldHighSurrogate;

  JsonStringFieldStreamer(String field) {
    this.field = field;
  }

  /** Consumes the next piece of JSON text; returns newly decoded characters of the field. */
  String accept(String chunk) {
    out.setLength(0);
    if (heldHighSurrogate != 0) {
      out.append(heldHighSurrogate);
      heldHighSurrogate = 0;
    }
    for (int i = 0; i < chunk.length(); i++) {
      char c = chunk.charAt(i);
      if (inString) {
        inString(c);
      } else {
        structural(c);
      }
    }
    if (!out.isEmpty() && Character.isHighSurrogate(out.charAt(out.length() - 1)) && !done) {
      heldHighSurrogate = out.charAt(out.length() - 1);
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  /** Whether the field's closing quote has been seen. */
  boolean complete() {
    return done;
  }

  private void inString(char c) {
    if (unicodeDigits >= 0) {
      unicodeValue = unicodeValue * 16 + Character.digit(c, 16);
      if (++unicodeDigits == 4) {
        unicodeDigits = -1;
        emit((char) unicodeValue);
      }
    } else if (escape) {
      escape = false;
      switch (c) {
        case 'u' -> {
          unicodeDigits = 0;
          unicodeValue = 0;
        }
        case 'n' -> emit('\n');
        case 't' -> emit('\t');
        case 'r' -> emit('\r');
        case 'b' -> emit('\b');
        case 'f' -> emit('\f');
        default -> emit(c); // \" \\ \/ and, leniently, anything else
      }
    } else if (c == '\\') {
      escape = true;
    } else if (c == '"') {
      inString = false;
      endString();
    } else {
      emit(c);
    }
  }

  private void structural(char c) {
    switch (c) {
      case '"' -> {
        inString = true;
        if (depth == 1 && expectKey) {
          role = Role.KEY;
          key.setLength(0);
        } else {
          role = valueIsNext && !done ? Role.TARGET : Role.OTHER;
        }
        valueIsNext = false;
      }
      case '{', '[' -> {
        depth++;
        expectKey = depth == 1 && c == '{';
        valueIsNext = false;
      }
      case '}', ']' -> depth--;
      case ',' -> expectKey = depth == 1;
      case ':' -> valueIsNext = depth == 1 && lastKeyIsField;
      case ' ', '\n', '\r', '\t' -> {}
      default -> valueIsNext = false; // a number, true, false or null
    }
  }

  private void emit(char c) {
    if (role == Role.KEY) {
      key.append(c);
    } else if (role == Role.TARGET) {
      out.append(c);
    }
  }

  private void endString() {
    if (role == Role.KEY) {
      expectKey = false;
      lastKeyIsField = field.contentEquals(key);
    } else if (role == Role.TARGET) {
      done = true;
    }
    role = Role.OTHER;
  }
}
