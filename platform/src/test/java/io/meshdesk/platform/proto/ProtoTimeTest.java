package io.meshdesk.platform.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProtoTimeTest {

  @Test
  void instantsRoundTripToTheNanosecond() {
    Instant i = Instant.parse("2026-03-01T10:15:30.123456789Z");

    Timestamp t = ProtoTime.timestamp(i);

    assertThat(t.getSeconds()).isEqualTo(i.getEpochSecond());
    assertThat(t.getNanos()).isEqualTo(123_456_789);
    assertThat(ProtoTime.instant(t)).isEqualTo(i);
    assertThat(ProtoTime.instantOrNull(t)).isEqualTo(i);
  }

  @Test
  void instantsBeforeTheEpochKeepPositiveNanos() {
    Instant i = Instant.parse("1969-12-31T23:59:59.5Z");

    Timestamp t = ProtoTime.timestamp(i);

    assertThat(t.getSeconds()).isEqualTo(-1);
    assertThat(t.getNanos()).isEqualTo(500_000_000);
    assertThat(ProtoTime.instant(t)).isEqualTo(i);
  }

  @Test
  void anUnsetTimestampIsTheEpochOrNull() {
    assertThat(ProtoTime.instant(Timestamp.getDefaultInstance())).isEqualTo(Instant.EPOCH);
    assertThat(ProtoTime.instantOrNull(Timestamp.getDefaultInstance())).isNull();
    assertThat(ProtoTime.instantOrNull(null)).isNull();
  }
}
