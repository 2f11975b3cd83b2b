package org.kdcmail.kdc.server;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.enrollment.ClientConfirmation;
import org.kdcmail.kdc.protocol.enrollment.ClientHello;
import org.kdcmail.kdc.protocol.enrollment.ClientPointsMessage;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCodeMismatchException;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentError.Reason;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentErrorCodes;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentResponder;
import org.kdcmail.kdc.protocol.enrollment.InvitationId;
import org.kdcmail.kdc.protocol.masterkey.MasterKeyDerivation;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.server.store.AuditType;
import org.kdcmail.kdc.server.store.Invitation;
import org.kdcmail.kdc.server.store.InvitationState;
import org.kdcmail.kdc.server.transport.ConnectionContext;
import org.kdcmail.kdc.server.transport.Conversation;
import org.kdcmail.qrng.EntropyUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One enrollment over one connection (messages 1, 3 and 5 in, 2, 4 and 6 out). The invitation is
 * looked up by the user's name, its code checked through the client's proof (a wrong code counts an
 * attempt; the fifth locks the invitation), points drawn from the key bank, and the master key
 * stored — sealed under the KEK — only after the client's key confirmation verifies. Any failure
 * answers an error frame whose code is {@link EnrollmentErrorCodes#wireCode} and closes.
 */
final class EnrollmentConversation implements Conversation {
  private static final Logger log = LoggerFactory.getLogger(EnrollmentConversation.class);

  private final KdcServices services;
  private final ConnectionContext context;
  private final EnrollmentResponder responder = new EnrollmentResponder();
  private Invitation invitation;
  private String username;

  EnrollmentConversation(KdcServices services, ConnectionContext context) {
    this.services = services;
    this.context = context;
  }

  @Override
  public Optional<Frame> onFrame(Frame frame) throws Exception {
    try {
      return Optional.of(
          switch (frame.type()) {
            case ENROLL_CLIENT_HELLO -> hello(ClientHello.decode(frame.payload()));
            case ENROLL_CLIENT_POINTS -> points(ClientPointsMessage.decode(frame.payload()));
            case ENROLL_CLIENT_CONFIRM -> confirm(ClientConfirmation.decode(frame.payload()));
            default -> fail(Reason.PROTOCOL_ERROR, "unexpected " + frame.type());
          });
    } catch (EnrollmentCodeMismatchException e) {
      return Optional.of(wrongCode());
    } catch (GeneralSecurityException | IllegalStateException e) {
      return Optional.of(fail(Reason.PROTOCOL_ERROR, "enrollment failed"));
    } catch (EntropyUnavailableException e) {
      log.error("enrollment of {} refused: no randomness: {}", username, e.getMessage());
      return Optional.of(fail(Reason.UNAVAILABLE, "the KDC cannot draw keys right now"));
    }
  }

  private Frame hello(ClientHello hello) throws GeneralSecurityException {
    username = hello.username();
    Optional<Invitation> found =
        isZero(hello.invitationId())
            ? services.store().findLatestInvitation(username)
            : services.store().findInvitation(hello.invitationId());
    if (found.isEmpty() || !found.get().username().equals(username)) {
      return fail(Reason.UNKNOWN_INVITATION, "no pending invitation for " + username);
    }
    invitation = found.get();
    if (invitation.state() == InvitationState.LOCKED) {
      return fail(Reason.INVITATION_LOCKED, "the invitation is locked");
    }
    if (invitation.state() == InvitationState.EXPIRED) {
      return fail(Reason.EXPIRED, "the invitation has expired");
    }
    if (invitation.state() != InvitationState.PENDING) {
      return fail(Reason.UNKNOWN_INVITATION, "no pending invitation for " + username);
    }
    log.info("enrollment of {} started", username);
    return new Frame(
        FrameType.ENROLL_SERVER_HELLO,
        responder
            .onClientHello(hello, services.identity(), services.randomness().drbg()::nextBytes)
            .encode());
  }

  private Frame points(ClientPointsMessage message) throws GeneralSecurityException {
    requireInvitation();
    EnrollmentCode code = services.store().invitationCode(invitation.id());
    try {
      return new Frame(
          FrameType.ENROLL_SERVER_POINTS,
          responder.onClientPoints(message, code, services.pointSource()).encode());
    } finally {
      code.destroy();
    }
  }

  private Frame confirm(ClientConfirmation confirmation) throws GeneralSecurityException {
    requireInvitation();
    MasterKey masterKey = new MasterKeyDerivation().deriveMasterKey(username, responder.points());
    try {
      byte[] answer = responder.onClientConfirmation(confirmation, masterKey).encode();
      services.store().markUsed(invitation.id());
      int version = services.store().storeMasterKey(username, masterKey);
      services
          .store()
          .audit()
          .append(AuditType.ENROLLMENT, username, username, "master key version " + version);
      log.info("enrolled {} (master key version {})", username, version);
      context.closeAfterReply();
      return new Frame(FrameType.ENROLL_SERVER_CONFIRM, answer);
    } finally {
      masterKey.destroy();
      responder.destroy();
    }
  }

  private Frame wrongCode() {
    InvitationState state = services.store().recordFailedAttempt(invitation.id());
    log.warn("wrong enrollment code for {} (invitation {})", username, state);
    return state == InvitationState.LOCKED
        ? fail(Reason.INVITATION_LOCKED, "wrong code; the invitation is now locked")
        : fail(Reason.BAD_CODE, "the enrollment code is wrong");
  }

  private void requireInvitation() {
    if (invitation == null) {
      throw new IllegalStateException("no ClientHello yet");
    }
  }

  private Frame fail(Reason reason, String message) {
    responder.destroy();
    context.closeAfterReply();
    if (reason != Reason.BAD_CODE && reason != Reason.INVITATION_LOCKED) {
      log.warn("enrollment of {} refused: {}", username, message);
    }
    return new ErrorFrame(EnrollmentErrorCodes.wireCode(reason), message).toFrame();
  }

  private static boolean isZero(InvitationId id) {
    byte[] bytes = id.toBytes();
    boolean zero = Arrays.equals(bytes, new byte[bytes.length]);
    return zero;
  }

  @Override
  public void onClose() {
    responder.destroy();
  }
}
