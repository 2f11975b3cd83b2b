package org.kdcmail.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The body of {@code POST /prompt/unlock}: {@code {"user", "mkId", "mkPassword", "loginPassword"
 * (optional)}}. The secrets go from the parser's buffer straight into arrays that {@link #clear()}
 * zeroes, never through a {@code String}; the parser recycles no buffer.
 */
final class MkEntryBody {
  private static final JsonFactory JSON =
      JsonFactory.builder().recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build();

  final String user;
  final char[] mkId;
  final char[] mkPassword;
  final char[] loginPassword; // null when not sent

  private MkEntryBody(String user, char[] mkId, char[] mkPassword, char[] loginPassword) {
    this.user = user;
    this.mkId = mkId;
    this.mkPassword = mkPassword;
    this.loginPassword = loginPassword;
  }

  /**
   * Reads a body (which the caller zeroizes afterwards).
   *
   * @throws IllegalArgumentException with a message for the caller when it is not such an object
   */
  static MkEntryBody decode(byte[] body) {
    String user = null;
    char[] mkId = null;
    char[] mkPassword = null;
    char[] login = null;
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken() == JsonToken.START_OBJECT);
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        expect(t == JsonToken.FIELD_NAME);
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_NULL && "loginPassword".equals(field)) {
          continue;
        }
        expect(value == JsonToken.VALUE_STRING);
        switch (field) {
          case "user" -> user = once(user, p.getText(), field);
          case "mkId" -> mkId = once(mkId, chars(p), field);
          case "mkPassword" -> mkPassword = once(mkPassword, chars(p), field);
          case "loginPassword" -> login = once(login, chars(p), field);
          default ->
              throw new IllegalArgumentException("unexpected field '" + field + "' in the request");
        }
      }
      expect(p.nextToken() == null);
      if (user == null || mkId == null || mkPassword == null) {
        throw new IllegalArgumentException(
            "the request needs \"user\", \"mkId\" and \"mkPassword\"");
      }
      return new MkEntryBody(user, mkId, mkPassword, login);
    } catch (IOException | RuntimeException e) {
      wipe(mkId);
      wipe(mkPassword);
      wipe(login);
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("the request is not valid JSON", e);
    }
  }

  /** Zeroes the secrets. */
  void clear() {
    wipe(mkId);
    wipe(mkPassword);
    wipe(loginPassword);
  }

  private static char[] chars(JsonParser p) throws IOException {
    char[] buffer = p.getTextCharacters();
    int offset = p.getTextOffset();
    return Arrays.copyOfRange(buffer, offset, offset + p.getTextLength());
  }

  private static <T> T once(T old, T value, String field) {
    if (old != null) {
      throw new IllegalArgumentException("field '" + field + "' given twice");
    }
    return Objects.requireNonNull(value);
  }

  private static void wipe(char[] c) {
    if (c != null) {
      Arrays.fill(c, '\0');
    }
  }

  private static void expect(boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException(
          "the request must be {\"user\", \"mkId\", \"mkPassword\", \"loginPassword\" (optional)}"
              + " with string values");
    }
  }

  @Override
  public String toString() {
    return "MkEntryBody[" + user + ", secrets redacted]";
  }
}
