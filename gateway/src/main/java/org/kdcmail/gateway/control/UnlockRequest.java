package org.kdcmail.gateway.control;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.plugin.ClientPaths;

/**
 * The body of {@code POST /unlock}: {@code {"user": "...", "masterKey": "<base64 of 32 bytes>"}}.
 * The key's bytes and base64 pass only through arrays this class zeroizes, never through a {@code
 * String}; the parser recycles no buffer.
 *
 * @param user the user whose key this is (a full address)
 * @param masterKey the key; the receiver owns it and destroys it
 */
public record UnlockRequest(String user, MasterKey masterKey) {

  // No buffer recycling: the parser's buffers, which see the key's base64, die with the parser.
  private static final JsonFactory JSON =
      JsonFactory.builder().recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build();
  private static final byte[] OPEN_USER = ascii("{\"user\":\"");
  private static final byte[] KEY_FIELD = ascii("\",\"masterKey\":\"");
  private static final byte[] CLOSE = ascii("\"}");

  public UnlockRequest {
    ClientPaths.folderName(user);
    Objects.requireNonNull(masterKey, "masterKey");
  }

  /** The request body as UTF-8 JSON; the caller zeroizes the array after sending it. */
  public byte[] encode() {
    byte[] head = concat(OPEN_USER, JsonStringEncoder.getInstance().quoteAsUTF8(user), KEY_FIELD);
    byte[] key = masterKey.copyBytes();
    byte[] base64 = Base64.getEncoder().encode(key);
    try {
      return concat(head, base64, CLOSE);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(base64, (byte) 0);
    }
  }

  /**
   * Reads a request body (which the caller zeroizes afterwards).
   *
   * @throws IllegalArgumentException with a message for the caller if the body is not exactly a
   *     user and a 32-byte key
   */
  public static UnlockRequest decode(byte[] body) {
    String user = null;
    byte[] key = null;
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken() == JsonToken.START_OBJECT);
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        expect(t == JsonToken.FIELD_NAME);
        String field = p.currentName();
        JsonToken value = p.nextToken();
        expect(value == JsonToken.VALUE_STRING);
        if ("user".equals(field) && user == null) {
          user = p.getText();
        } else if ("masterKey".equals(field) && key == null) {
          key = p.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
        } else {
          throw new IllegalArgumentException("unexpected field '" + field + "' in the request");
        }
      }
      expect(p.nextToken() == null);
      if (user == null || key == null) {
        throw new IllegalArgumentException("the request needs \"user\" and \"masterKey\"");
      }
      if (key.length != MasterKey.LENGTH_BYTES) {
        throw new IllegalArgumentException("masterKey must be base64 of 32 bytes");
      }
      return new UnlockRequest(user, MasterKey.copyOf(key));
    } catch (IOException e) {
      throw new IllegalArgumentException("the request is not valid JSON", e);
    } finally {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
  }

  private static void expect(boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException(
          "the request must be {\"user\": \"...\", \"masterKey\": \"<base64>\"}");
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Override
  public String toString() {
    return "UnlockRequest[" + user + ", key redacted]";
  }
}
