package io.meshdesk.cli.common;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.meshdesk.cli.common.ClientOptions.OutputFormat;
import java.io.PrintStream;
import java.util.function.Supplier;

/** Prints a command's result as a table or as one JSON document (proto3 JSON mapping). */
public final class Output {

  private static final JsonFormat.Printer JSON = JsonFormat.printer().includingDefaultValueFields();
  private static final JsonFormat.Printer JSON_LINE =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private Output() {}

  /** Prints {@code message} as JSON or the table built by {@code table}. */
  public static void print(OutputFormat format, MessageOrBuilder message, Supplier<Table> table) {
    PrintStream out = System.out;
    if (format == OutputFormat.json) {
      out.println(json(message));
    } else {
      table.get().print(out);
    }
    out.flush();
  }

  /** The proto3 JSON form of {@code message}. */
  public static String json(MessageOrBuilder message) {
    try {
      return JSON.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The proto3 JSON form of {@code message} on one line, fields at their defaults left out. */
  public static String jsonLine(MessageOrBuilder message) {
    try {
      return JSON_LINE.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
