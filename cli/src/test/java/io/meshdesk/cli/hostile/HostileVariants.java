package io.meshdesk.cli.hostile;

import build.buf.validate.FieldRules;
import build.buf.validate.ValidateProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile variants of a valid request, built on the wire: the valid request's bytes followed by one
 * more occurrence of a field (wrapped in its enclosing messages), which a parser merges over the
 * valid value. So a variant can carry what no builder would write, such as invalid UTF-8 in a
 * string.
 *
 * <p>Per string field: a NUL, 1 MB, invalid UTF-8; per id field a non-UUID, per page token garbage;
 * per enum an unknown number; per timestamp seconds of plus and minus 10^15 and nanos out of range.
 * Per message: a truncated varint, a length past the end and an end-group wire type.
 */
final class HostileVariants {

  /** One hostile request: the field it breaks, how, and its bytes. */
  record Variant(String field, String kind, byte[] bytes) {
    String name() {
      return field + " " + kind;
    }
  }

  private static final int MAX_DEPTH = 4;
  private static final ByteString NUL = ByteString.copyFromUtf8("a\0b");
  private static final ByteString ONE_MB = ByteString.copyFromUtf8("x".repeat(1 << 20));
  private static final ByteString BAD_UTF8 =
      ByteString.copyFrom(new byte[] {'o', 'k', (byte) 0xC3, 0x28, (byte) 0xFF});
  private static final ByteString NOT_A_UUID = ByteString.copyFromUtf8("not-a-uuid'--");
  private static final ByteString GARBAGE_TOKEN =
      ByteString.copyFromUtf8("%%garbage/+=token\u00e9");

  private HostileVariants() {}

  /** Every hostile variant of {@code valid}, a serialized message of {@code type}. */
  static List<Variant> of(Descriptor type, byte[] valid) {
    List<Variant> out = new ArrayList<>();
    fields(type, valid, List.of(), out);
    out.add(
        new Variant(
            "(message)",
            "truncated varint",
            concat(valid, new byte[] {0x08, (byte) 0xFF, (byte) 0xFF})));
    out.add(
        new Variant(
            "(message)", "length past the end", concat(valid, new byte[] {0x0A, 0x7F, 'x', 'y'})));
    out.add(new Variant("(message)", "end-group wire type", concat(valid, new byte[] {0x0C})));
    return out;
  }

  private static void fields(
      Descriptor type, byte[] valid, List<FieldDescriptor> path, List<Variant> out) {
    if (path.size() >= MAX_DEPTH) {
      return;
    }
    for (FieldDescriptor field : type.getFields()) {
      List<FieldDescriptor> at = new ArrayList<>(path);
      at.add(field);
      String name =
          at.stream().map(FieldDescriptor::getName).reduce((a, b) -> a + "." + b).orElseThrow();
      switch (field.getJavaType()) {
        case STRING -> {
          out.add(new Variant(name, "NUL", concat(valid, wrap(at, lengthDelimited(field, NUL)))));
          out.add(
              new Variant(name, "1 MB", concat(valid, wrap(at, lengthDelimited(field, ONE_MB)))));
          out.add(
              new Variant(
                  name,
                  "invalid UTF-8",
                  concat(valid, wrap(at, lengthDelimited(field, BAD_UTF8)))));
          if (isId(field)) {
            out.add(
                new Variant(
                    name,
                    "not a UUID",
                    concat(valid, wrap(at, lengthDelimited(field, NOT_A_UUID)))));
          }
          if (field.getName().endsWith("page_token")) {
            out.add(
                new Variant(
                    name,
                    "garbage",
                    concat(valid, wrap(at, lengthDelimited(field, GARBAGE_TOKEN)))));
          }
        }
        case ENUM ->
            out.add(
                new Variant(
                    name, "unknown enum number", concat(valid, wrap(at, varint(field, 9_999)))));
        case MESSAGE -> {
          if (field.getMessageType().getFullName().equals("google.protobuf.Timestamp")) {
            out.add(
                new Variant(
                    name,
                    "seconds 10^15",
                    concat(
                        valid,
                        wrap(at, lengthDelimited(field, timestamp(1_000_000_000_000_000L, 0))))));
            out.add(
                new Variant(
                    name,
                    "seconds -10^15",
                    concat(
                        valid,
                        wrap(at, lengthDelimited(field, timestamp(-1_000_000_000_000_000L, 0))))));
            out.add(
                new Variant(
                    name,
                    "nanos out of range",
                    concat(valid, wrap(at, lengthDelimited(field, timestamp(0, 2_000_000_000))))));
          } else if (path.stream().noneMatch(p -> p.getMessageType() == field.getMessageType())) {
            fields(field.getMessageType(), valid, at, out);
          }
        }
        default -> {}
      }
    }
  }

  /**
   * An id field: the contract declares it a UUID (client-chosen keys such as request_id are not
   * ids).
   */
  private static boolean isId(FieldDescriptor field) {
    FieldRules rules = field.getOptions().getExtension(ValidateProto.field);
    return rules.getString().getUuid() || rules.getRepeated().getItems().getString().getUuid();
  }

  /** The leaf field's encoding wrapped in each enclosing message field of the path. */
  private static byte[] wrap(List<FieldDescriptor> path, byte[] leaf) {
    byte[] bytes = leaf;
    for (int i = path.size() - 2; i >= 0; i--) {
      bytes = lengthDelimited(path.get(i), ByteString.copyFrom(bytes));
    }
    return bytes;
  }

  private static byte[] lengthDelimited(FieldDescriptor field, ByteString payload) {
    return encode(
        out -> {
          out.writeTag(field.getNumber(), WireFormat.WIRETYPE_LENGTH_DELIMITED);
          out.writeBytesNoTag(payload);
        });
  }

  private static byte[] varint(FieldDescriptor field, int value) {
    return encode(
        out -> {
          out.writeTag(field.getNumber(), WireFormat.WIRETYPE_VARINT);
          out.writeInt32NoTag(value);
        });
  }

  private static ByteString timestamp(long seconds, int nanos) {
    return ByteString.copyFrom(
        encode(
            out -> {
              out.writeInt64(1, seconds);
              out.writeInt32(2, nanos);
            }));
  }

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] encode(Writer writer) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      writer.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
