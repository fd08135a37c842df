package io.meshdesk.cli.common;

import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.meshdesk.cli.common.ClientOptions.OutputFormat;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Prints a command's result in the format the caller picked: an aligned table, CSV, or the result
 * message as one JSON or YAML document. JSON and YAML use the proto field names (snake_case), which
 * are stable across releases; table and CSV show the columns of the command's table.
 *
 * @param format the output format
 * @param headers whether table and CSV output start with a header line
 */
public record Output(OutputFormat format, boolean headers) {

  private static final JsonFormat.Printer JSON =
      JsonFormat.printer().includingDefaultValueFields().preservingProtoFieldNames();

  /** The default style: a table with headers. */
  public static Output table() {
    return new Output(OutputFormat.table, true);
  }

  /** Whether the output is a table for people (not a document or CSV for programs). */
  public boolean human() {
    return format == OutputFormat.table;
  }

  /** Prints {@code message} as JSON/YAML, or the table built by {@code table} as a table/CSV. */
  public void print(MessageOrBuilder message, Supplier<Table> table) {
    PrintStream out = System.out;
    switch (format) {
      case json -> out.println(json(message));
      case yaml -> out.print(Yaml.of(JsonParser.parseString(json(message))));
      case csv -> table.get().printCsv(out, headers);
      case table -> table.get().print(out, headers, Terminal.colour());
    }
    out.flush();
  }

  /**
   * Prints a list response: JSON/YAML print the whole response (items and page token); table and
   * CSV print one row per item of the repeated field {@code field}, one column per plain field.
   */
  public void list(Message response, String field) {
    var fd = response.getDescriptorForType().findFieldByName(field);
    if (fd == null || !fd.isRepeated()) {
      throw new IllegalStateException(response.getDescriptorForType() + " has no list " + field);
    }
    @SuppressWarnings("unchecked")
    List<Message> items = (List<Message>) response.getField(fd);
    print(response, () -> ProtoTable.of(fd.getMessageType(), items));
  }

  /** Prints one message: JSON/YAML the message, table/CSV one row of its plain fields. */
  public void one(Message message) {
    print(message, () -> ProtoTable.of(message.getDescriptorForType(), List.of(message)));
  }

  /** Prints the field {@code field} of {@code response} as one item (see {@link #one}). */
  public void item(Message response, String field) {
    var fd = response.getDescriptorForType().findFieldByName(field);
    if (fd == null) {
      throw new IllegalStateException(response.getDescriptorForType() + " has no field " + field);
    }
    Message item = (Message) response.getField(fd);
    print(response, () -> ProtoTable.of(fd.getMessageType(), List.of(item)));
  }

  /** Prints {@code message} as JSON or the table built by {@code table} (headers on). */
  public static void print(OutputFormat format, MessageOrBuilder message, Supplier<Table> table) {
    new Output(format, true).print(message, table);
  }

  /** The proto3 JSON form of {@code message}, with proto (snake_case) field names. */
  public static String json(MessageOrBuilder message) {
    try {
      return JSON.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
