package io.meshdesk.reminder.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookAddressPolicyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.9.9.9",
        "::1",
        "0.0.0.0",
        "::",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "fc00::1",
        "fd12:3456::1",
        "169.254.169.254",
        "169.254.0.1",
        "fe80::1",
        "224.0.0.1",
        "ff02::1",
        "100.64.0.1",
        "100.127.255.255",
        "255.255.255.255",
        "240.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "::7f00:1"
      })
  void refusesInternalAddresses(String address) throws Exception {
    assertThat(WebhookAddressPolicy.refusal(InetAddress.getByName(address))).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "172.32.0.1",
        "172.15.255.255",
        "100.128.0.1",
        "100.63.255.255",
        "203.0.113.7",
        "2001:4860:4860::8888",
        "64:ff9b::808:808"
      })
  void allowsPublicAddresses(String address) throws Exception {
    assertThat(WebhookAddressPolicy.refusal(InetAddress.getByName(address))).isNull();
  }

  @Test
  void refusesIpv4MappedFormsOfInternalAddresses() throws Exception {
    // Built as IPv6 objects on purpose: InetAddress.getByName would already unwrap them to IPv4.
    byte[] loopback = HexFormat.of().parseHex("00000000000000000000ffff7f000001");
    byte[] metadata = HexFormat.of().parseHex("00000000000000000000ffffa9fea9fe");
    byte[] publicDns = HexFormat.of().parseHex("00000000000000000000ffff08080808");

    assertThat(WebhookAddressPolicy.refusal(Inet6Address.getByAddress(null, loopback, -1)))
        .contains("loopback");
    assertThat(WebhookAddressPolicy.refusal(Inet6Address.getByAddress(null, metadata, -1)))
        .contains("link-local");
    assertThat(WebhookAddressPolicy.refusal(Inet6Address.getByAddress(null, publicDns, -1)))
        .isNull();
  }
}
