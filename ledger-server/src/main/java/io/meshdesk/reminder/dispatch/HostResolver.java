package io.meshdesk.reminder.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a webhook's host name to addresses (a port, so tests can play a rebinding DNS server).
 */
@FunctionalInterface
public interface HostResolver {

  /** The system resolver. */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /** Every address {@code host} resolves to; an IP literal resolves to itself. */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
