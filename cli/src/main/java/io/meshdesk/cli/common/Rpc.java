package io.meshdesk.cli.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The RPCs a meshctl command calls, as full method names ({@code package.Service/Method}). The
 * command coverage test reads it to check that every RPC an administrator may call has a command.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Rpc {

  /** Full method names, e.g. {@code meshdesk.ledger.v1.LedgerService/GetCard}. */
  String[] value();
}
