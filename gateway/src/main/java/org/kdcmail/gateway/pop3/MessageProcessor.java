package org.kdcmail.gateway.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.kdcmail.gateway.keys.MasterKeyLockedException;
import org.kdcmail.mime.DowngradeCheck;
import org.kdcmail.mime.HeaderBlock;
import org.kdcmail.mime.KdcTickets;
import org.kdcmail.mime.MailUnwrapper;
import org.kdcmail.mime.RevocationCheck;
import org.kdcmail.mime.Verdict;

/**
 * Turns one message from the office mailbox into what the client receives. A message whose top
 * level is kdcmail is unwrapped with the reader's key: released, it becomes the original bytes; not
 * released, it stays exactly as it arrived — never partly decrypted. A message that is not kdcmail
 * at the top level is never decrypted (an envelope nested inside is left alone: EFAIL). Either way
 * outside {@code X-Kdcmail-*} fields are removed, line ends made CRLF, and the gateway's own {@link
 * StatusHeaders} go on top.
 */
final class MessageProcessor {

  /**
   * Whose mailbox is read.
   *
   * @param address the login name, a full address: the recipient the envelope must name
   * @param enrolled whether the user has a client store in this gateway's home
   * @param enrolledSenders users enrolled in this gateway's home (plaintext from them is suspect)
   */
  record Reader(String address, boolean enrolled, Set<String> enrolledSenders) {
    Reader {
      Objects.requireNonNull(address, "address");
      enrolledSenders = Set.copyOf(enrolledSenders);
    }
  }

  private final Path spoolDir;
  private final Clock clock;
  private final ReplayCache replays;
  private final List<Pattern> localSenders;
  private final Pop3Metrics metrics;

  MessageProcessor(
      Path spoolDir,
      Clock clock,
      ReplayCache replays,
      Set<String> localDomains,
      Pop3Metrics metrics) {
    this.spoolDir = Objects.requireNonNull(spoolDir, "spoolDir");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.replays = Objects.requireNonNull(replays, "replays");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.localSenders =
        localDomains.stream()
            .map(
                d ->
                    Pattern.compile(
                        "@" + Pattern.quote(d.toLowerCase(Locale.ROOT)) + "(?![\\w.-])"))
            .toList();
  }

  /**
   * Processes {@code raw}, the message stored upstream as {@code message}.
   *
   * @param key the reader's key for this command, leased only if the message is kdcmail
   * @param memoryLimit bytes of the result that may stay on the heap
   * @throws MasterKeyLockedException if the message is kdcmail and the reader's key is locked
   * @throws IOException if a spool cannot be read or written
   */
  ProcessedMessage process(
      UpstreamMessage message, SealedSpool raw, Reader reader, CommandKey key, int memoryLimit)
      throws IOException, MasterKeyLockedException {
    long start = System.nanoTime();
    SealedSpool body = new SealedSpool(spoolDir, memoryLimit);
    try {
      BodyWriter writer = new BodyWriter(body);
      HeaderBlock headers = headers(raw);
      ProcessedMessage done;
      if (headers != null && headers.isKdcmail()) {
        done = kdcmail(message, raw, reader, key, writer, body);
      } else {
        boolean unexpected = headers == null || unexpectedPlaintext(headers, reader);
        copy(raw, writer);
        done =
            new ProcessedMessage(
                unexpected ? MessageStatus.UNEXPECTED_PLAINTEXT : MessageStatus.NOT_ENCRYPTED,
                StatusHeaders.notEncrypted(unexpected),
                body);
      }
      metrics.processed(done.status(), System.nanoTime() - start);
      return done;
    } catch (IOException | MasterKeyLockedException | RuntimeException e) {
      body.close();
      throw e;
    }
  }

  private ProcessedMessage kdcmail(
      UpstreamMessage message,
      SealedSpool raw,
      Reader reader,
      CommandKey key,
      BodyWriter writer,
      SealedSpool body)
      throws IOException, MasterKeyLockedException {
    if (!reader.enrolled()) {
      copy(raw, writer);
      return new ProcessedMessage(
          MessageStatus.FAILED, StatusHeaders.failed("reader not enrolled at this gateway"), body);
    }
    MailUnwrapper unwrapper =
        MailUnwrapper.create(clock, RevocationCheck.NONE, replays.forMessage(message.uid()));
    Verdict verdict;
    try (InputStream in = raw.open()) {
      verdict =
          unwrapper.unwrap(
              in, reader.address(), KdcTickets.opener(key.get(), clock), writer.stream(), spoolDir);
    }
    if (verdict.isReleased()) {
      writer.finish();
      MessageStatus status =
          verdict.status() == Verdict.Status.REPLAY
              ? MessageStatus.DUPLICATE
              : MessageStatus.DECRYPTED;
      return new ProcessedMessage(status, StatusHeaders.decrypted(verdict), body);
    }
    copy(raw, writer);
    return new ProcessedMessage(
        MessageStatus.FAILED, StatusHeaders.failed(StatusHeaders.reason(verdict.status())), body);
  }

  /** The top-level header section, or null if it is too large to read (over 1 MiB). */
  private static HeaderBlock headers(SealedSpool raw) throws IOException {
    try (InputStream in = raw.open()) {
      return HeaderBlock.read(in);
    } catch (IOException e) {
      if (raw.size() == 0) {
        throw e;
      }
      return null;
    }
  }

  private boolean unexpectedPlaintext(HeaderBlock headers, Reader reader) {
    if (DowngradeCheck.isUnexpectedPlaintext(headers, reader.enrolledSenders())) {
      return true;
    }
    String from = headers.first("From").orElse("").toLowerCase(Locale.ROOT);
    return localSenders.stream().anyMatch(p -> p.matcher(from).find());
  }

  private static void copy(SealedSpool raw, BodyWriter writer) throws IOException {
    try (InputStream in = raw.open()) {
      in.transferTo(writer.stream());
    }
    writer.finish();
  }

  /** Message bytes → header filter → CRLF line ends → the body spool. */
  private static final class BodyWriter {
    private final SealedSpool body;
    private final CrlfOutputStream crlf;
    private final KdcmailHeaderFilter filter;

    BodyWriter(SealedSpool body) {
      this.body = body;
      this.crlf = new CrlfOutputStream(body.output());
      this.filter = new KdcmailHeaderFilter(crlf);
    }

    OutputStream stream() {
      return filter;
    }

    void finish() throws IOException {
      filter.finish();
      crlf.finish();
      body.finish();
    }
  }
}
