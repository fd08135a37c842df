package io.meshdesk.platform.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rules every inbound message obeys whatever its contract says: no NUL character in any string
 * (PostgreSQL cannot store it in text) and every {@code google.protobuf.Timestamp} within
 * 0001-01-01 to 9999-12-31 UTC with nanos in range. Each breach names the field path.
 */
final class InputSanity {

  /** 0001-01-01T00:00:00Z. */
  static final long MIN_SECONDS = -62_135_596_800L;

  /** 9999-12-31T23:59:59Z. */
  static final long MAX_SECONDS = 253_402_300_799L;

  /** Longest map key shown in a field path, in characters. */
  static final int MAX_KEY_IN_PATH = 64;

  private InputSanity() {}

  /** The violations of {@code message}, empty when it is sane. */
  static List<FieldViolation> check(Message message) {
    List<FieldViolation> out = new ArrayList<>();
    walk(message, "", out);
    return out;
  }

  private static void walk(Message message, String prefix, List<FieldViolation> out) {
    if (message instanceof Timestamp ts) {
      if (ts.getSeconds() < MIN_SECONDS
          || ts.getSeconds() > MAX_SECONDS
          || ts.getNanos() < 0
          || ts.getNanos() > 999_999_999) {
        out.add(violation(prefix, "timestamp out of range (years 1 to 9999)", "timestamp.range"));
      }
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      String name = prefix.isEmpty() ? field.getName() : prefix + "." + field.getName();
      if (field.isMapField()) {
        for (Object entry : (List<?>) e.getValue()) {
          Message m = (Message) entry;
          Object key = m.getField(m.getDescriptorForType().findFieldByName("key"));
          String entryName = name + "[\"" + mapKey(String.valueOf(key)) + "\"]";
          checkValue(key, entryName, out);
          checkValue(m.getField(m.getDescriptorForType().findFieldByName("value")), entryName, out);
        }
      } else if (field.isRepeated()) {
        List<?> values = (List<?>) e.getValue();
        for (int i = 0; i < values.size(); i++) {
          checkValue(values.get(i), name + "[" + i + "]", out);
        }
      } else {
        checkValue(e.getValue(), name, out);
      }
    }
  }

  private static void checkValue(Object value, String name, List<FieldViolation> out) {
    if (value instanceof String s && s.indexOf('\0') >= 0) {
      out.add(violation(name, "must not contain a NUL character", "string.no_nul"));
    } else if (value instanceof Message m) {
      walk(m, name, out);
    }
  }

  /**
   * A map key as a field path shows it: NUL visible, and cut short so a hostile key is not echoed
   * whole.
   */
  static String mapKey(String key) {
    return StatusDescriptions.abbreviate(key.replace("\0", "\\0"), MAX_KEY_IN_PATH);
  }

  private static FieldViolation violation(String field, String description, String reason) {
    return FieldViolation.newBuilder()
        .setField(field.isEmpty() ? "(message)" : field)
        .setDescription(description)
        .setReason(reason)
        .build();
  }
}
