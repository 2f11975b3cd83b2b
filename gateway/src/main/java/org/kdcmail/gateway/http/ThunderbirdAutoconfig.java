package org.kdcmail.gateway.http;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Thunderbird's autoconfig file ({@code clientConfig version="1.1"}, see
 * wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat) for the gateway: one {@code
 * emailProvider} for the given domains, POP3 in and SMTP out at the gateway, the full address as
 * user name, the password sent as is (over STARTTLS unless the gateway is loopback-only). The
 * gateway serves it; {@code kdcmail client-setup --thunderbird-isp} writes it per domain.
 */
public final class ThunderbirdAutoconfig {

  /** The content type the gateway serves it with. */
  public static final String CONTENT_TYPE = "application/xml; charset=utf-8";

  private ThunderbirdAutoconfig() {}

  /** The file name Thunderbird's {@code isp/} folder expects for {@code domain}. */
  public static String fileName(String domain) {
    return domain.toLowerCase(Locale.ROOT) + ".xml";
  }

  /**
   * The XML document.
   *
   * @param domains the mail domains the settings apply to, at least one
   */
  public static String xml(MailClientSettings settings, List<String> domains) {
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("the autoconfig file needs at least one mail domain");
    }
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("clientConfig");
      w.writeAttribute("version", "1.1");
      w.writeCharacters("\n  ");
      w.writeStartElement("emailProvider");
      w.writeAttribute("id", domains.get(0).toLowerCase(Locale.ROOT));
      for (String domain : domains) {
        element(w, 2, "domain", domain.toLowerCase(Locale.ROOT));
      }
      element(w, 2, "displayName", domains.get(0) + " through the kdcmail gateway");
      element(w, 2, "displayShortName", "kdcmail");
      server(w, "incomingServer", "pop3", settings.host(), settings.pop3Port(), settings);
      server(w, "outgoingServer", "smtp", settings.host(), settings.smtpPort(), settings);
      w.writeCharacters("\n  ");
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeEndDocument();
      w.writeCharacters("\n");
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the JDK cannot write XML to memory", e);
    }
    return text.toString();
  }

  private static void server(
      XMLStreamWriter w, String element, String type, String host, int port, MailClientSettings s)
      throws XMLStreamException {
    w.writeCharacters("\n    ");
    w.writeStartElement(element);
    w.writeAttribute("type", type);
    element(w, 3, "hostname", host);
    element(w, 3, "port", Integer.toString(port));
    element(w, 3, "socketType", s.startTls() ? "STARTTLS" : "plain");
    element(w, 3, "username", "%EMAILADDRESS%");
    element(w, 3, "authentication", "password-cleartext");
    w.writeCharacters("\n    ");
    w.writeEndElement();
  }

  private static void element(XMLStreamWriter w, int depth, String name, String value)
      throws XMLStreamException {
    w.writeCharacters("\n" + "  ".repeat(depth));
    w.writeStartElement(name);
    w.writeCharacters(value);
    w.writeEndElement();
  }
}
