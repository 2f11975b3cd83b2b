package org.kdcmail.plugin.enroll;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.client.KdcErrorException;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentClient;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentErrorCodes;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentException;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentRandom;
import org.kdcmail.kdc.protocol.enrollment.InvitationId;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.masterkey.MasterKeyDerivation;
import org.kdcmail.kdc.protocol.masterkey.UserPointDerivation;
import org.kdcmail.kdc.protocol.wire.FrameCodec;
import org.kdcmail.plugin.store.ClientStore;
import org.kdcmail.plugin.store.StoreContents;

/**
 * Enrolls one user with a KDC and, only once the KDC has confirmed the master key, writes the local
 * store (username, KDC address, pinned fingerprint, p2..p5, verifier). On any failure nothing is
 * written and an existing store is left as it was.
 *
 * <p>The client sends the all-zero {@link InvitationId} ({@link #PENDING_INVITATION}): "the pending
 * invitation of this user". The KDC resolves it by username and keeps the zero id in its
 * transcript, so both sides sign and check the same bytes.
 *
 * <p>Order: refuse an existing store unless replacing; derive p1 (Argon2id, before connecting so
 * the KDC does not wait on it); handshake ({@link KdcConversation}); derive the master key from
 * p1..p5; confirm; write the store. The master key, p1 and the points are dropped or zeroized on
 * return. Thread-safe (holds only settings).
 */
public final class Enrollment {

  /** The invitation id the client sends: all zero, "the pending invitation of this user". */
  public static final InvitationId PENDING_INVITATION = InvitationId.of(new byte[16]);

  private final ClientKdfSettings settings;

  /** An enrollment with these costs and timeouts ({@link ClientKdfSettings#production()}). */
  public Enrollment(ClientKdfSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Runs the enrollment. Does not clear the request's secrets (the caller does).
   *
   * @throws EnrollmentFailedException with a message for the user; nothing was stored
   */
  public EnrollmentResult enroll(EnrollmentRequest request) throws EnrollmentFailedException {
    Objects.requireNonNull(request, "request");
    refuseExistingStore(request);
    FieldPoint p1 =
        new UserPointDerivation(settings.userPoint())
            .derive(request.username(), request.mkId(), request.mkPassword());
    EnrollmentClient client = new EnrollmentClient();
    try (KdcConnection connection = connect(request.kdc())) {
      KdcConversation conversation = new KdcConversation(connection, request.username());
      List<FieldPoint> points = exchangePoints(conversation, client, request, p1);
      MasterKey masterKey = new MasterKeyDerivation().deriveMasterKey(request.username(), points);
      try {
        conversation.confirm(client, masterKey);
        writeStore(request, points.subList(1, points.size()), masterKey);
      } finally {
        masterKey.destroy();
      }
      return new EnrollmentResult(request.username(), request.kdc(), request.storePath());
    } catch (KdcErrorException e) {
      throw new EnrollmentFailedException(
          EnrollmentErrorCodes.reasonOf(e.code())
              .map(r -> EnrollmentRefusals.message(r, request.username()))
              .orElse(e.getMessage()),
          e);
    } catch (IOException e) {
      throw new EnrollmentFailedException(e.getMessage(), e);
    } catch (EnrollmentException e) {
      throw new EnrollmentFailedException(describe(e), e);
    } finally {
      client.destroy();
    }
  }

  private List<FieldPoint> exchangePoints(
      KdcConversation conversation,
      EnrollmentClient client,
      EnrollmentRequest request,
      FieldPoint p1)
      throws IOException, EnrollmentException, EnrollmentFailedException {
    EnrollmentRandom random = EnrollmentRandom.of(settings.random());
    conversation.hello(
        client.start(request.username(), PENDING_INVITATION, request.fingerprint(), random));
    List<FieldPoint> points = new ArrayList<>(5);
    points.add(p1);
    points.addAll(conversation.points(client, request.code(), p1));
    return points;
  }

  private void writeStore(EnrollmentRequest request, List<FieldPoint> p2to5, MasterKey masterKey)
      throws IOException {
    byte[] verifier = new MasterKeyDerivation().verifierOf(masterKey);
    try {
      StoreContents contents =
          new StoreContents(
              request.username(),
              request.kdc().toString(),
              request.fingerprint().format(),
              p2to5,
              verifier,
              Instant.now());
      Files.createDirectories(request.storePath().toAbsolutePath().getParent());
      ClientStore.create(
          request.storePath(),
          request.loginPassword(),
          contents,
          settings.storeKey(),
          settings.random());
    } finally {
      java.util.Arrays.fill(verifier, (byte) 0);
    }
  }

  private KdcConnection connect(KdcAddress kdc) throws IOException {
    return KdcConnection.connect(
        kdc.toSocketAddress(),
        settings.connectTimeout(),
        settings.readTimeout(),
        FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES);
  }

  private static void refuseExistingStore(EnrollmentRequest request)
      throws EnrollmentFailedException {
    if (!request.replaceExisting() && Files.exists(request.storePath())) {
      throw new EnrollmentFailedException(
          request.username()
              + " is already enrolled here (local store "
              + request.storePath()
              + "); to enroll again and replace it, use --replace");
    }
  }

  private static String describe(GeneralSecurityException e) {
    String m = e.getMessage();
    if (EnrollmentException.IDENTITY_MISMATCH.equals(m)
        || EnrollmentException.SIGNATURE_INVALID.equals(m)) {
      return m;
    }
    return "enrollment failed: the KDC's answer did not verify (" + m + "); nothing was stored";
  }
}
