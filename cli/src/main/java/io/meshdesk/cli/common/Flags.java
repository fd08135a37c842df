package io.meshdesk.cli.common;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Request building from optional flags: a flag left out (null) leaves its request field unset, so
 * the server applies its default or keeps the current value.
 */
public final class Flags {

  private Flags() {}

  /** Hands {@code value} to {@code setter} when the flag was given. */
  public static <T> void ifGiven(T value, Consumer<? super T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  /** Hands {@code value}, read by {@code parse} (which may reject it), to {@code setter}. */
  public static <T, R> void ifGiven(
      T value, Function<? super T, ? extends R> parse, Consumer<? super R> setter) {
    if (value != null) {
      setter.accept(parse.apply(value));
    }
  }
}
