package io.meshdesk.cli.common;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.meshdesk.api.common.v1.LocalDate;
import io.meshdesk.api.common.v1.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of proto messages: one row per message, one column per plain field (text, number, bool,
 * enum, money, timestamp, date; lists of text or numbers joined with commas), headed by the proto
 * field name. Nested messages of other kinds are left to JSON/YAML.
 */
final class ProtoTable {

  private ProtoTable() {}

  /** The table of {@code items}, all of type {@code type}. */
  static Table of(Descriptor type, List<? extends Message> items) {
    List<FieldDescriptor> columns = new ArrayList<>();
    for (FieldDescriptor f : type.getFields()) {
      if (plain(f)) {
        columns.add(f);
      }
    }
    Table table = new Table(columns.stream().map(FieldDescriptor::getName).toArray(String[]::new));
    for (Message m : items) {
      table.row(columns.stream().map(f -> cell(m, f)).toArray());
    }
    return table;
  }

  private static boolean plain(FieldDescriptor f) {
    if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return true;
    }
    if (f.isRepeated()) {
      return false;
    }
    String name = f.getMessageType().getFullName();
    return name.equals(Money.getDescriptor().getFullName())
        || name.equals(Timestamp.getDescriptor().getFullName())
        || name.equals(LocalDate.getDescriptor().getFullName());
  }

  private static String cell(Message m, FieldDescriptor f) {
    if (f.isRepeated()) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
        parts.add(value(f, m.getRepeatedField(f, i)));
      }
      return Formats.list(parts);
    }
    if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !m.hasField(f)) {
      return "-";
    }
    return Formats.text(value(f, m.getField(f)));
  }

  private static String value(FieldDescriptor f, Object v) {
    if (v instanceof EnumValueDescriptor e) {
      String prefix =
          e.getType().getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)
              + "_";
      return Formats.enumWord(e.getName(), prefix);
    }
    if (v instanceof Money money) {
      return Formats.money(money);
    }
    if (v instanceof Timestamp t) {
      return Formats.time(true, t);
    }
    if (v instanceof LocalDate d) {
      return String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonth(), d.getDay());
    }
    return String.valueOf(v);
  }
}
