package org.kdcmail.cli.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.kdcmail.gateway.control.ControlClient;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.plugin.desktop.MkEntryResult;

/**
 * One user's prompt side of the gateway's HTTP contract: the long poll {@code GET /prompt/next} and
 * {@code POST /prompt/unlock} with an MK entry, authenticated by the user's token. The entry is
 * written into the request body without passing through a {@code String}; the body is zeroed after
 * sending.
 */
public final class PromptClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String user;
  private final UnlockToken token;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A client for {@code user} at the gateway's HTTP endpoint {@code address}. */
  public PromptClient(InetSocketAddress address, String user, UnlockToken token) {
    this.base = ControlClient.baseUri(address);
    this.user = user;
    this.token = token;
  }

  public String user() {
    return user;
  }

  /**
   * Waits up to {@code wait} for the gateway to ask for this user's MK entry.
   *
   * @return the reason (e.g. {@code smtp}), or empty when nothing was asked
   * @throws IOException the gateway did not answer or refused the token
   */
  public Optional<String> next(Duration wait) throws IOException, InterruptedException {
    HttpRequest request =
        authorized("/prompt/next?user=" + enc(user) + "&wait=" + wait.toSeconds())
            .timeout(wait.plusSeconds(15))
            .GET()
            .build();
    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 204) {
      return Optional.empty();
    }
    if (r.statusCode() != 200) {
      throw new IOException("the gateway refused the prompt: " + error(r));
    }
    return Optional.of(JSON.readTree(r.body()).path("reason").asText("smtp"));
  }

  /** Posts an MK entry; the gateway supplies the remembered login password. */
  public MkEntryResult unlock(char[] mkId, char[] mkPassword) throws InterruptedException {
    byte[] body = body(mkId, mkPassword);
    try {
      HttpResponse<byte[]> r =
          http.send(
              authorized("/prompt/unlock")
                  .timeout(Duration.ofSeconds(90))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return switch (r.statusCode()) {
        case 200 -> new MkEntryResult.Accepted();
        case 403 -> new MkEntryResult.Wrong();
        case 409 ->
            new MkEntryResult.Failed(
                "the gateway does not know your login password yet: send or fetch mail once from"
                    + " your mail client, or run kdcmail unlock");
        default -> new MkEntryResult.Failed(error(r));
      };
    } catch (IOException e) {
      return new MkEntryResult.Failed("the gateway cannot be reached: " + e.getMessage());
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer " + token.hex());
  }

  /** {@code {"user":..,"mkId":..,"mkPassword":..}} as UTF-8, the secrets only in arrays. */
  private byte[] body(char[] mkId, char[] mkPassword) {
    char[] json = new char[64 + user.length() * 6 + (mkId.length + mkPassword.length) * 6];
    int n = 0;
    n = put(json, n, "{\"user\":\"");
    n = escape(json, n, user.toCharArray());
    n = put(json, n, "\",\"mkId\":\"");
    n = escape(json, n, mkId);
    n = put(json, n, "\",\"mkPassword\":\"");
    n = escape(json, n, mkPassword);
    n = put(json, n, "\"}");
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(json, 0, n));
    byte[] out = Arrays.copyOf(bytes.array(), bytes.limit());
    Arrays.fill(json, '\0');
    Arrays.fill(bytes.array(), (byte) 0);
    return out;
  }

  private static int put(char[] to, int at, String s) {
    s.getChars(0, s.length(), to, at);
    return at + s.length();
  }

  private static int escape(char[] to, int at, char[] s) {
    for (char c : s) {
      if (c == '"' || c == '\\') {
        to[at++] = '\\';
        to[at++] = c;
      } else if (c < 0x20) {
        String u = String.format("\\u%04x", (int) c);
        at = put(to, at, u);
      } else {
        to[at++] = c;
      }
    }
    return at;
  }

  private static String error(HttpResponse<byte[]> r) {
    try {
      JsonNode e = JSON.readTree(r.body()).path("error");
      if (e.isTextual()) {
        return e.asText();
      }
    } catch (IOException notJson) {
      // the bare status below
    }
    return "the gateway answered HTTP " + r.statusCode();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
