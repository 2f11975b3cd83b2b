package org.kdcmail.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.client.KdcClient;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.client.KdcErrorException;
import org.kdcmail.kdc.protocol.session.DirectoryAnswer;
import org.kdcmail.kdc.protocol.session.DirectoryLookup;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionErrorCodes;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;

/**
 * The KDC's directory lookup over a real socket with Derby on disk: enrolled and unknown names
 * answered in order; a tampered lookup, one under another user's key, one from outside the skew
 * window or from an unknown requester refused; nothing written to the audit trail.
 */
class DirectoryLookupIT {
  private static final SessionRandom RANDOM = SessionRandom.of(new SecureRandom());
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";
  private static final String NOBODY = "nobody@example.test";

  @TempDir Path tmp;
  private KdcFixture kdc;
  private MasterKey alice;
  private MasterKey bob;

  @BeforeEach
  void enroll() throws Exception {
    kdc = new KdcFixture(tmp);
    alice = kdc.enroll(ALICE);
    bob = kdc.enroll(BOB);
  }

  @AfterEach
  void stop() {
    kdc.close();
  }

  private DirectoryLookup lookup(MasterKey key, String as, Clock clock, String... names) {
    return DirectoryLookup.request(new UserKey(as, key), List.of(names), clock, RANDOM);
  }

  private Frame send(byte[] payload) throws Exception {
    try (KdcConnection connection = kdc.connect()) {
      return connection.exchange(new Frame(FrameType.DIRECTORY_LOOKUP_REQUEST, payload));
    }
  }

  private static SessionError refusal(Throwable thrown) {
    return SessionErrorCodes.reasonOf(((KdcErrorException) thrown).code()).orElseThrow();
  }

  @Test
  void lookup_enrolledAndUnknownNames_answeredInOrder() throws Exception {
    DirectoryAnswer answer =
        KdcClient.builder()
            .address(kdc.address())
            .build()
            .lookupDirectory(
                new UserKey(ALICE, alice), List.of(NOBODY, BOB, ALICE), Clock.systemUTC());

    assertThat(answer.enrolled())
        .containsExactly(
            java.util.Map.entry(NOBODY, false),
            java.util.Map.entry(BOB, true),
            java.util.Map.entry(ALICE, true));
  }

  @Test
  void lookup_tampered_refusedAsBadRequest() throws Exception {
    byte[] request = lookup(alice, ALICE, Clock.systemUTC(), BOB).requestBytes();
    request[request.length - 1] ^= 1;

    assertThatThrownBy(() -> send(request))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.BAD_REQUEST));
  }

  @Test
  void lookup_underAnotherUsersKey_refusedAsBadRequest() throws Exception {
    byte[] request = lookup(bob, ALICE, Clock.systemUTC(), BOB).requestBytes();

    assertThatThrownBy(() -> send(request))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.BAD_REQUEST));
  }

  @Test
  void lookup_replayedOutsideTheSkewWindow_refused() throws Exception {
    Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
    byte[] old = lookup(alice, ALICE, tenMinutesAgo, BOB).requestBytes();

    assertThatThrownBy(() -> send(old))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.CLOCK_SKEW))
        .hasMessageContaining("clock skew");
  }

  @Test
  void lookup_replayedWithinTheWindow_answeredAgain_onlyTheRequesterCanReadIt() throws Exception {
    DirectoryLookup l = lookup(alice, ALICE, Clock.systemUTC(), BOB);
    send(l.requestBytes());

    Frame again = send(l.requestBytes());

    assertThat(again.type()).isEqualTo(FrameType.DIRECTORY_LOOKUP_REPLY);
    assertThat(l.openReply(again.payload()).isEnrolled(BOB)).isTrue();
  }

  @Test
  void lookup_fromAnUnknownRequester_refused() throws Exception {
    byte[] request = lookup(alice, NOBODY, Clock.systemUTC(), BOB).requestBytes();

    assertThatThrownBy(() -> send(request))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.UNKNOWN_SENDER));
  }

  @Test
  void lookup_writesNoAuditEntry() throws Exception {
    long before = auditEntries();
    send(lookup(alice, ALICE, Clock.systemUTC(), BOB, NOBODY).requestBytes());
    assertThat(auditEntries()).isEqualTo(before);
  }

  private long auditEntries() throws Exception {
    return kdc.admin("audit").path("entries").size();
  }
}
