package org.kdcmail.kdc.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kdcmail.kdc.protocol.session.Fixture.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryLookupTest {

  private final Fixture f = new Fixture();

  private DirectoryLookup lookup() {
    return DirectoryLookup.request(f.alice, List.of(BOB, DAVE, CAROL), f.clock, f.clientRandom);
  }

  private byte[] answer(DirectoryLookupRequest opened, List<Boolean> flags) {
    return DirectoryLookup.sealReply(opened, f.alice.masterKey(), flags, f.kdcRandom);
  }

  @Test
  void roundTrip_namesInOrder_eachAnswered() throws Exception {
    DirectoryLookup lookup = lookup();
    byte[] request = lookup.requestBytes();
    assertThat(DirectoryLookup.requester(request)).isEqualTo(ALICE);
    DirectoryLookupRequest opened = DirectoryLookup.open(request, f.alice.masterKey());
    assertThat(opened.names()).containsExactly(BOB, DAVE, CAROL);
    assertThat(opened.timestamp()).isEqualTo(T0);
    assertThat(opened.nonce()).isEqualTo(lookup.sent().nonce());

    DirectoryAnswer answer = lookup.openReply(answer(opened, List.of(true, false, true)));

    assertThat(answer.enrolled())
        .containsExactly(
            java.util.Map.entry(BOB, true),
            java.util.Map.entry(DAVE, false),
            java.util.Map.entry(CAROL, true));
    assertThat(answer.isEnrolled(DAVE)).isFalse();
    assertThat(answer.isEnrolled("nobody@example.test")).isFalse();
  }

  @Test
  void open_everyBitOfRequestFlipped_rejects() {
    byte[] request = lookup().requestBytes();
    SessionKeysTest.everyBitFlipRejected(
        request, t -> DirectoryLookup.open(t, f.alice.masterKey()));
  }

  @Test
  void open_underAnotherUsersKey_rejects() {
    byte[] request = lookup().requestBytes();
    assertThatThrownBy(() -> DirectoryLookup.open(request, f.bob.masterKey()))
        .isInstanceOf(SessionException.class)
        .hasMessage(SessionException.REJECTED);
  }

  @Test
  void open_sessionKeyRequestBytes_refused() {
    byte[] sessionRequest =
        SessionKeyClient.request(f.alice, List.of(BOB), f.clock, f.clientRandom).requestBytes();
    assertThatThrownBy(() -> DirectoryLookup.open(sessionRequest, f.alice.masterKey()))
        .isInstanceOf(SessionException.class);
  }

  @Test
  void openReply_everyBitOfReplyFlipped_rejects() throws Exception {
    DirectoryLookup lookup = lookup();
    DirectoryLookupRequest opened =
        DirectoryLookup.open(lookup.requestBytes(), f.alice.masterKey());
    byte[] reply = answer(opened, List.of(true, false, true));
    SessionKeysTest.everyBitFlipRejected(reply, lookup::openReply);
  }

  @Test
  void openReply_answerToAnotherLookup_nonceMismatch() throws Exception {
    DirectoryLookup first = lookup();
    DirectoryLookup second = lookup();
    DirectoryLookupRequest opened = DirectoryLookup.open(first.requestBytes(), f.alice.masterKey());
    byte[] reply = answer(opened, List.of(true, true, true));
    assertThatThrownBy(() -> second.openReply(reply))
        .isInstanceOf(SessionException.class)
        .hasMessage(SessionException.NONCE_MISMATCH);
  }

  @Test
  void request_moreThan100Names_refusedBeforeSending() {
    List<String> names =
        java.util.stream.IntStream.range(0, 101).mapToObj(i -> "u" + i + "@example.test").toList();
    assertThatThrownBy(() -> DirectoryLookup.request(f.alice, names, f.clock, f.clientRandom))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
