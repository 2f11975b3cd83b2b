package org.kdcmail.kdc.protocol.enrollment;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.PublishedVectors;

/**
 * The deterministic run published in docs/protocol.md: recomputes every value and compares with
 * src/test/resources/vectors/enrollment-v1.txt. On mismatch the actual values are written to
 * target/enrollment-v1.actual.txt.
 */
class EnrollmentVectorsTest {

  static Map<String, String> compute() throws Exception {
    HexFormat hex = HexFormat.of();
    Handshake h = new Handshake().run(Handshake.NONE);
    TestRandom c = new TestRandom("kdcmail-test client");
    TestRandom k = new TestRandom("kdcmail-test kdc");
    Map<String, String> v = new LinkedHashMap<>();
    v.put("username", hex.formatHex(Handshake.USERNAME.getBytes(StandardCharsets.UTF_8)));
    v.put("invitation_id", h.invitationId.toString());
    v.put("enrollment_code", h.code.format());
    v.put("enrollment_code_bytes", hex.formatHex(h.code.raw()));
    v.put("kdc_identity_seed", hex.formatHex(Handshake.IDENTITY.copySeed()));
    v.put("kdc_identity_public", hex.formatHex(Handshake.IDENTITY.publicKey()));
    v.put("kdc_fingerprint", Handshake.IDENTITY.fingerprint().format());
    v.put("client_x25519_private", hex.formatHex(c.next(32)));
    v.put("client_mlkem_seed_d_z", hex.formatHex(c.next(64)));
    v.put("kdc_x25519_private", hex.formatHex(k.next(32)));
    v.put("kdc_mlkem_encaps_m", hex.formatHex(k.next(32)));
    v.put("p1", hex.formatHex(h.p1.encode()));
    for (int i = 0; i < 6; i++) {
      v.put("message_" + (i + 1), hex.formatHex(h.messages.get(i)));
    }
    v.put("transcript_hash", hex.formatHex(h.transcriptHash));
    v.put("k1", hex.formatHex(h.clientK1));
    v.put(
        "key_client_to_kdc",
        hex.formatHex(KeySchedule.expand(h.clientK1, EnrollmentProtocol.INFO_AEAD_C2S)));
    v.put(
        "key_kdc_to_client",
        hex.formatHex(KeySchedule.expand(h.clientK1, EnrollmentProtocol.INFO_AEAD_S2C)));
    v.put("master_key_test_stand_in", hex.formatHex(h.clientMasterKey.copyBytes()));
    return v;
  }

  @Test
  void deterministicRun_matchesPublishedVectors() throws Exception {
    PublishedVectors.assertMatchesResource(compute(), "/vectors/enrollment-v1.txt");
  }

  @Test
  void publishedDoc_containsEveryVectorLine() throws Exception {
    PublishedVectors.assertPublishedInProtocolDoc(compute());
  }
}
