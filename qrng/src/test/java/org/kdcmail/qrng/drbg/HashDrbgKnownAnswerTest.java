package org.kdcmail.qrng.drbg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.prng.drbg.SP80090DRBG;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NIST CAVP DRBGVS known answers for Hash_DRBG/SHA-512 (see the header of {@code
 * cavp/Hash_DRBG_SHA-512.txt}), run through {@link HashDrbgMechanism#instantiate} and {@link
 * SampleEntropyInput}, the path production uses, with a source that replays the vector's inputs.
 */
class HashDrbgKnownAnswerTest {
  private static final String RESOURCE = "/cavp/Hash_DRBG_SHA-512.txt";
  private static final HexFormat HEX = HexFormat.of();

  record Vector(String section, String count, List<Map.Entry<String, String>> lines) {
    @Override
    public String toString() {
      return section + " COUNT = " + count;
    }

    String first(String key) {
      return lines.stream()
          .filter(e -> e.getKey().equals(key))
          .findFirst()
          .orElseThrow()
          .getValue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void generate_cavpVector_returnsExpectedBits(Vector vector) {
    ScriptedEntropySource source = new ScriptedEntropySource();
    source.then(bytes(vector.first("Nonce"))).then(bytes(vector.first("EntropyInput")));
    vector.lines().stream()
        .filter(e -> e.getKey().equals("EntropyInputPR") || e.getKey().equals("EntropyInputReseed"))
        .forEach(e -> source.then(bytes(e.getValue())));
    SampleEntropyInput entropy =
        new SampleEntropyInput(source, HashDrbgMechanism.SECURITY_STRENGTH_BITS);
    SP80090DRBG drbg =
        HashDrbgMechanism.instantiate(entropy, bytes(vector.first("PersonalizationString")));

    byte[] expected = bytes(vector.first("ReturnedBits"));
    byte[] output = run(vector, drbg, expected.length);

    assertThat(HEX.formatHex(output)).isEqualTo(HEX.formatHex(expected));
    assertThat(source.exhausted()).as("all scripted entropy consumed").isTrue();
  }

  @Test
  void vectors_coverPredictionResistanceAndReseed_atLeastFiveEach() {
    List<Vector> all = vectors().toList();
    assertThat(all).filteredOn(v -> v.section().contains("True")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(all)
        .filteredOn(v -> v.section().contains("False") && hasKey(v, "EntropyInputReseed"))
        .hasSizeGreaterThanOrEqualTo(5);
  }

  /** Executes the vector's operations in file order; returns the last generated output. */
  private static byte[] run(Vector vector, SP80090DRBG drbg, int outputBytes) {
    boolean predictionResistance = vector.section().contains("PredictionResistance = True");
    byte[] output = new byte[outputBytes];
    List<Map.Entry<String, String>> lines = vector.lines();
    for (int i = 0; i < lines.size(); i++) {
      String key = lines.get(i).getKey();
      byte[] value = nullIfEmpty(lines.get(i).getValue());
      if (key.equals("AdditionalInput")) {
        if (predictionResistance) {
          // As QrngDrbg does with prediction resistance: reseed (with the additional input, per
          // SP 800-90A 9.3.1), then generate without additional input.
          drbg.reseed(value);
          drbg.generate(output, null, false);
        } else {
          drbg.generate(output, value, false);
        }
      } else if (key.equals("AdditionalInputReseed")) {
        drbg.reseed(value);
      }
    }
    return output;
  }

  static Stream<Vector> vectors() {
    try (InputStream in = HashDrbgKnownAnswerTest.class.getResourceAsStream(RESOURCE)) {
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)))
          .stream();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Vector> parse(BufferedReader reader) throws IOException {
    List<Vector> vectors = new ArrayList<>();
    StringBuilder section = new StringBuilder();
    boolean headerDone = true;
    Vector current = null;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (headerDone) {
          section.setLength(0);
          headerDone = false;
        }
        section.append(line);
        continue;
      }
      headerDone = true;
      String[] kv = line.split("=", 2);
      String key = kv[0].strip();
      String value = kv.length > 1 ? kv[1].strip() : "";
      if (key.equals("COUNT")) {
        current = new Vector(section.toString(), value, new ArrayList<>());
        vectors.add(current);
      } else {
        current.lines().add(Map.entry(key, value));
      }
    }
    return vectors;
  }

  private static boolean hasKey(Vector v, String key) {
    return v.lines().stream().anyMatch(e -> e.getKey().equals(key));
  }

  private static byte[] bytes(String hex) {
    return HEX.parseHex(hex);
  }

  private static byte[] nullIfEmpty(String hex) {
    return hex.isEmpty() ? null : bytes(hex);
  }
}
