package io.meshdesk.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.BadRequest.FieldViolation;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class InputSanityTest {

  @Test
  void rejectsNulInANestedRepeatedStringNamingItsPath() {
    BadRequest message =
        BadRequest.newBuilder()
            .addFieldViolations(FieldViolation.newBuilder().setField("ok"))
            .addFieldViolations(FieldViolation.newBuilder().setDescription("a\0b"))
            .build();

    var failure = new ValidationInterceptor().validate(message);

    assertThat(failure).isNotNull();
    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.getStatus().getDescription()).contains("field_violations[1].description");
  }

  @Test
  void rejectsNulInAMapKey() {
    ErrorInfo message = ErrorInfo.newBuilder().putMetadata("k\0", "v").build();

    assertThat(InputSanity.check(message))
        .extracting(FieldViolation::getReason)
        .containsExactly("string.no_nul");
  }

  @Test
  void namesAHugeMapKeyShortenedSoTheRefusalFitsInATrailer() {
    String key = "k".repeat(1 << 20) + "\0";
    ErrorInfo message = ErrorInfo.newBuilder().putMetadata(key, "v").build();

    String field = InputSanity.check(message).getFirst().getField();

    assertThat(field).startsWith("metadata[\"kkk").hasSizeLessThan(100);
  }

  @Test
  void rejectsTimestampsOutsideYearsOneToNineThousandNineHundredNinetyNine() {
    assertThat(InputSanity.check(Timestamp.newBuilder().setSeconds(1_000_000_000_000_000L).build()))
        .hasSize(1);
    assertThat(
            InputSanity.check(Timestamp.newBuilder().setSeconds(-1_000_000_000_000_000L).build()))
        .hasSize(1);
    assertThat(InputSanity.check(Timestamp.newBuilder().setSeconds(0).setNanos(-1).build()))
        .hasSize(1);
  }

  @Test
  void acceptsOrdinaryTextAndTimestamps() {
    assertThat(InputSanity.check(Timestamp.newBuilder().setSeconds(1_700_000_000L).build()))
        .isEmpty();
    assertThat(
            InputSanity.check(
                ErrorInfo.newBuilder().setReason("fine ünïcode").putMetadata("a", "b").build()))
        .isEmpty();
  }
}
