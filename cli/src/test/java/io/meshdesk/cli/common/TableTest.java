package io.meshdesk.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void alignsColumnsToTheWidestCell() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Table("ID", "NAME", "ROLE")
        .row("1", "Ada Lovelace", "admin")
        .row("22", "Bo", null)
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "ID  NAME          ROLE", "1   Ada Lovelace  admin", "22  Bo            -");
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> new Table("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
