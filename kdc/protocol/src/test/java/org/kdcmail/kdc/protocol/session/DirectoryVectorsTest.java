package org.kdcmail.kdc.protocol.session;

import static org.kdcmail.kdc.protocol.session.Fixture.*;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.PublishedVectors;

/**
 * The deterministic directory lookup published in docs/protocol.md §5.8 (Alice asks about Bob, Dave
 * and Carol; Dave is not enrolled): compared with src/test/resources/vectors/directory-v1.txt and
 * with the doc.
 */
class DirectoryVectorsTest {

  static Map<String, String> compute() throws Exception {
    HexFormat hex = HexFormat.of();
    Fixture f = new Fixture();
    TestRandom client = new TestRandom("kdcmail-test directory client");
    TestRandom kdc = new TestRandom("kdcmail-test directory kdc");
    DirectoryLookup lookup =
        DirectoryLookup.request(f.alice, List.of(BOB, DAVE, CAROL), f.clock, client);
    DirectoryLookupRequest opened =
        DirectoryLookup.open(lookup.requestBytes(), f.alice.masterKey());
    byte[] reply =
        DirectoryLookup.sealReply(opened, f.alice.masterKey(), List.of(true, false, true), kdc);
    lookup.openReply(reply);
    Map<String, String> v = new LinkedHashMap<>();
    v.put("directory_time_ms", Long.toString(T0.toEpochMilli()));
    v.put("directory_nonce_a", hex.formatHex(lookup.sent().nonce()));
    v.put("directory_lookup_request", hex.formatHex(lookup.requestBytes()));
    v.put("directory_lookup_reply", hex.formatHex(reply));
    return v;
  }

  @Test
  void deterministicRun_matchesPublishedVectors() throws Exception {
    PublishedVectors.assertMatchesResource(compute(), "/vectors/directory-v1.txt");
  }

  @Test
  void publishedDoc_containsEveryVectorLine() throws Exception {
    PublishedVectors.assertPublishedInProtocolDoc(compute());
  }
}
