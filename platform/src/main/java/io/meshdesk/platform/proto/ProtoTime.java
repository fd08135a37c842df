package io.meshdesk.platform.proto;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Converts between {@link Instant} and protobuf {@link Timestamp}, to the nanosecond. */
public final class ProtoTime {

  private ProtoTime() {}

  /** The instant as a timestamp. */
  public static Timestamp timestamp(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  /** The timestamp as an instant; an unset timestamp is the epoch. */
  public static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** The timestamp as an instant, or null when it is null or unset (the epoch). */
  public static Instant instantOrNull(Timestamp t) {
    return t == null || (t.getSeconds() == 0 && t.getNanos() == 0) ? null : instant(t);
  }
}
