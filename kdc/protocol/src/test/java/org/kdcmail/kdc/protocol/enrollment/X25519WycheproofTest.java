package org.kdcmail.kdc.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/** Wycheproof x25519_test.json: correct results, and every zero-shared-secret share refused. */
class X25519WycheproofTest {

  private static final HexFormat HEX = HexFormat.of();

  private static List<JsonNode> cases() throws Exception {
    try (InputStream in =
        X25519WycheproofTest.class.getResourceAsStream("/wycheproof/x25519_test.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode group : root.get("testGroups")) {
        assertThat(group.get("curve").asText()).isEqualTo("curve25519");
        group.get("tests").forEach(out::add);
      }
      assertThat(out).hasSize(root.get("numberOfTests").asInt());
      return out;
    }
  }

  private static boolean zeroShared(JsonNode c) {
    for (JsonNode f : c.get("flags")) {
      if (f.asText().equals("ZeroSharedSecret")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void x25519_allWycheproofCases_matchOrAreRefusedForZeroSecret() throws Exception {
    int refused = 0;
    int computed = 0;
    for (JsonNode c : cases()) {
      X25519PrivateKeyParameters priv =
          new X25519PrivateKeyParameters(HEX.parseHex(c.get("private").asText()));
      byte[] pub = HEX.parseHex(c.get("public").asText());
      if (zeroShared(c)) {
        assertThat(c.get("result").asText()).isIn("acceptable", "invalid");
        assertThatThrownBy(() -> Primitives.x25519(priv, pub))
            .as("tcId %d", c.get("tcId").asInt())
            .isInstanceOf(EnrollmentException.class);
        refused++;
      } else {
        assertThat(Primitives.x25519(priv, pub))
            .as("tcId %d", c.get("tcId").asInt())
            .isEqualTo(HEX.parseHex(c.get("shared").asText()));
        computed++;
      }
    }
    assertThat(refused).isEqualTo(31);
    assertThat(computed).isEqualTo(518 - 31);
  }

  @Test
  void responder_clientShareOfLowOrder_refusesBeforeSigning() throws Exception {
    MLKEMPrivateKeyParameters kem = Primitives.mlkemKeyPair(new TestRandom("kem"));
    int n = 0;
    for (JsonNode c : cases()) {
      if (!zeroShared(c)) {
        continue;
      }
      ClientHello bad =
          new ClientHello(
              "bob",
              InvitationId.of(new byte[16]),
              HEX.parseHex(c.get("public").asText()),
              kem.getPublicKey());
      EnrollmentResponder responder = new EnrollmentResponder();
      assertThatThrownBy(
              () -> responder.onClientHello(bad, Handshake.IDENTITY, new TestRandom("k")))
          .isInstanceOf(EnrollmentException.class);
      assertThat(responder.state()).isEqualTo(EnrollmentResponder.State.FAILED);
      n++;
    }
    assertThat(n).isEqualTo(31);
  }

  @Test
  void client_serverShareAllZero_refusedEvenWhenSigned() throws Exception {
    Handshake h = new Handshake();
    ClientHello m1 =
        h.client.start(
            Handshake.USERNAME,
            h.invitationId,
            Handshake.IDENTITY.fingerprint(),
            new TestRandom("c"));
    byte[] zero = new byte[32];
    byte[][] kem = Primitives.mlkemEncapsulate(m1.mlkemPublicKey(), new TestRandom("k"));
    byte[] idKey = Handshake.IDENTITY.publicKey();
    byte[] th =
        KeySchedule.transcriptHash(
            m1.usernameBytes(),
            m1.invitationId().raw(),
            m1.x25519Share(),
            zero,
            m1.mlkemPublicKey(),
            kem[1],
            idKey);
    ServerHello signedZero =
        new ServerHello(
            zero, kem[1], idKey, Handshake.IDENTITY.sign(KeySchedule.signedMessage(th)));

    assertThatThrownBy(() -> h.client.onServerHello(signedZero, h.code, h.p1))
        .isInstanceOf(EnrollmentException.class)
        .hasMessage(EnrollmentException.GENERIC);
  }
}
