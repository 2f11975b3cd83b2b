package org.kdcmail.it.gateway.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.kdcmail.gateway.Gateway;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.it.gateway.smtp.SmtpDialog;

/**
 * A whole gateway ({@link Gateway#start}) in front of a {@link MailSystem}, with users' stores
 * enrolled at the cheap Argon2id cost, and a raw HTTP client for its prompt endpoints.
 */
final class PromptFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final MailSystem mail;
  final Gateway gateway;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  PromptFixture(Path folder, UnaryOperator<GatewaySettings.Builder> tweak) throws Exception {
    mail = new MailSystem(folder);
    try {
      gateway =
          Gateway.start(
              tweak.apply(mail.gatewaySettings().userPointCost(KdcFixture.CHEAP)).build());
    } catch (Exception e) {
      mail.close();
      throw e;
    }
  }

  /** {@code user}'s unlock.token (made on first use), as the desktop app reads it. */
  String tokenOf(String user) throws IOException {
    return TokenFile.forUser(mail.home(), user).readOrCreate(new SecureRandom()).hex();
  }

  /** SMTP session logged in as {@code user} with its login password. */
  SmtpDialog smtpLogin(String user) throws IOException {
    SmtpDialog d = new SmtpDialog(gateway.endpoints().smtp());
    SmtpDialog.Reply auth = d.login(user, MailSystem.password(user));
    if (auth.code() != 235) {
      d.close();
      throw new IOException("AUTH failed: " + auth);
    }
    return d;
  }

  Answer get(String pathAndQuery, String token) throws Exception {
    return send(request(pathAndQuery, token).GET().build());
  }

  Answer post(String path, String token, String json) throws Exception {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpRequest.Builder request(String path, String token) {
    var a = gateway.endpoints().http();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
            .timeout(Duration.ofSeconds(90));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private Answer send(HttpRequest request) throws Exception {
    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    String body = new String(r.body(), StandardCharsets.UTF_8);
    return new Answer(r.statusCode(), body.isEmpty() ? null : JSON.readTree(body), body);
  }

  /** An HTTP answer. */
  record Answer(int status, JsonNode json, String text) {}

  static String q(String s) {
    return "\"" + s + "\"";
  }

  @Override
  public void close() {
    gateway.close();
    mail.close();
  }
}
