package io.meshdesk.reminder.dispatch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which resolved addresses a webhook may connect to: public unicast only. Refused are loopback,
 * unspecified, private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT (100.64/10),
 * link-local (169.254/16 with the cloud metadata address, fe80::/10), multicast, broadcast and
 * reserved IPv4 ranges, and IPv6 forms that embed such an IPv4 address (IPv4-mapped,
 * IPv4-compatible, NAT64 64:ff9b::/96).
 */
public final class WebhookAddressPolicy {

  private WebhookAddressPolicy() {}

  /** Why {@code address} is refused, or null when a webhook may connect to it. */
  public static String refusal(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      Inet4Address embedded = embeddedIpv4(b);
      if (embedded != null) {
        String inner = refusal(embedded);
        return inner == null ? null : "IPv6 form of a " + inner + " address";
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return "private (unique local)";
      }
    }
    if (address.isLinkLocalAddress()) {
      return "link-local";
    }
    if (address.isSiteLocalAddress()) {
      return "private";
    }
    if (address.isMulticastAddress()) {
      return "multicast";
    }
    if (address instanceof Inet4Address v4) {
      return ipv4Refusal(v4.getAddress());
    }
    return null;
  }

  private static String ipv4Refusal(byte[] a) {
    int first = a[0] & 0xff;
    int second = a[1] & 0xff;
    if (first == 0) {
      return "unspecified";
    }
    if (first == 100 && (second & 0xc0) == 64) {
      return "carrier-grade NAT";
    }
    if (first >= 240) {
      return "reserved or broadcast";
    }
    return null;
  }

  /**
   * The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address; null otherwise.
   */
  private static Inet4Address embeddedIpv4(byte[] b) {
    boolean mapped = zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zero(b, 0, 12) && !zero(b, 12, 16);
    boolean nat64 =
        (b[0] & 0xff) == 0x00
            && (b[1] & 0xff) == 0x64
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x9b
            && zero(b, 4, 12);
    if (!mapped && !compatible && !nat64) {
      return null;
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (java.net.UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
