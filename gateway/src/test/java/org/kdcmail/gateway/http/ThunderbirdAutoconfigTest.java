package org.kdcmail.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kdcmail.gateway.http.GatewayHttpTest.provider;
import static org.kdcmail.gateway.http.GatewayHttpTest.server;
import static org.kdcmail.gateway.http.GatewayHttpTest.text;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ThunderbirdAutoconfigTest {

  @Test
  void xml_startTls_namesHostPortsAndDomains() throws Exception {
    String xml =
        ThunderbirdAutoconfig.xml(
            new MailClientSettings("mail.corp.test", 587, 1110, true),
            List.of("Corp.test", "branch.corp.test"));
    Element provider = provider(xml);
    assertThat(provider.getAttribute("id")).isEqualTo("corp.test");
    assertThat(provider.getElementsByTagName("domain").item(1).getTextContent())
        .isEqualTo("branch.corp.test");
    Element smtp = server(provider, "outgoingServer");
    assertThat(text(smtp, "hostname")).isEqualTo("mail.corp.test");
    assertThat(text(smtp, "port")).isEqualTo("587");
    assertThat(text(smtp, "socketType")).isEqualTo("STARTTLS");
    assertThat(text(server(provider, "incomingServer"), "port")).isEqualTo("1110");
  }

  @Test
  void xml_escapesWhatItWrites() throws Exception {
    String xml = ThunderbirdAutoconfig.xml(MailClientSettings.defaults(), List.of("a<b>&c.test"));
    assertThat(xml).doesNotContain("a<b>");
    assertThat(text(provider(xml), "domain")).isEqualTo("a<b>&c.test");
  }

  @Test
  void defaults_areTheLoopbackGatewayPorts() {
    assertThat(MailClientSettings.defaults())
        .isEqualTo(new MailClientSettings("127.0.0.1", 2525, 2110, false));
  }

  @Test
  void xml_withoutDomain_isRefused() {
    assertThatThrownBy(() -> ThunderbirdAutoconfig.xml(MailClientSettings.defaults(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ThunderbirdAutoconfig.fileName("Example.TEST")).isEqualTo("example.test.xml");
  }
}
