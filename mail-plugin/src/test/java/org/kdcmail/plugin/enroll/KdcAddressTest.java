package org.kdcmail.plugin.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KdcAddressTest {

  @Test
  void parse_hostAndPort() {
    assertThat(KdcAddress.parse("kdc.corp:7751")).isEqualTo(new KdcAddress("kdc.corp", 7751));
  }

  @Test
  void parse_hostAlone_usesDefaultPort() {
    assertThat(KdcAddress.parse("127.0.0.1")).isEqualTo(KdcAddress.DEFAULT);
  }

  @Test
  void parse_bracketedIpv6_roundTrips() {
    KdcAddress a = KdcAddress.parse("[::1]:7750");
    assertThat(a.host()).isEqualTo("::1");
    assertThat(a).hasToString("[::1]:7750");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ":7750", "host:", "host:0", "host:65536", "host:x", "::1:7750", "a b:1"})
  void parse_malformed_namesTheExpectedForm(String text) {
    assertThatThrownBy(() -> KdcAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HOST:PORT");
  }
}
