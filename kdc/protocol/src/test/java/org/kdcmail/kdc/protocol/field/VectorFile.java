package org.kdcmail.kdc.protocol.field;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads docs/vectors/master-key-vectors.txt (written by docs/vectors/master_key_vectors.py): one
 * record per line, {@code kind key=hex ...}.
 */
public record VectorFile(List<Record> records) {

  /** One line: its kind and its hex fields. */
  public record Record(String kind, Map<String, String> fields) {

    public byte[] bytes(String key) {
      return HexFormat.of().parseHex(require(key));
    }

    public String text(String key) {
      return new String(bytes(key), StandardCharsets.UTF_8);
    }

    public FieldElement element(String key) {
      return FieldElement.decode(bytes(key));
    }

    public List<FieldPoint> points() {
      List<FieldPoint> points = new ArrayList<>();
      String[] xs = require("x").split(",");
      String[] ys = require("y").split(",");
      for (int i = 0; i < xs.length; i++) {
        points.add(new FieldPoint(decode(xs[i]), decode(ys[i])));
      }
      return points;
    }

    private static FieldElement decode(String hex) {
      return FieldElement.decode(HexFormat.of().parseHex(hex));
    }

    private String require(String key) {
      String value = fields.get(key);
      if (value == null) {
        throw new IllegalStateException(kind + " record without " + key);
      }
      return value;
    }
  }

  /** The committed vectors, found by walking up from the working directory. */
  public static VectorFile load() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null
        && !Files.isRegularFile(dir.resolve("docs/vectors/master-key-vectors.txt"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("docs/vectors/master-key-vectors.txt not found above CWD");
    }
    try {
      return parse(Files.readAllLines(dir.resolve("docs/vectors/master-key-vectors.txt")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static VectorFile parse(List<String> lines) {
    List<Record> records = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] tokens = line.trim().split(" ");
      Map<String, String> fields = new HashMap<>();
      Arrays.stream(tokens, 1, tokens.length)
          .forEach(
              token -> {
                int eq = token.indexOf('=');
                fields.put(token.substring(0, eq), token.substring(eq + 1));
              });
      records.add(new Record(tokens[0], fields));
    }
    return new VectorFile(records);
  }

  public List<Record> ofKind(String kind) {
    return records.stream().filter(r -> r.kind().equals(kind)).toList();
  }
}
