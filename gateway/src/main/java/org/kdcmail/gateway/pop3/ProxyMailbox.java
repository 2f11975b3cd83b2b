package org.kdcmail.gateway.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;
import org.kdcmail.gateway.keys.MasterKeyLockedException;
import org.kdcmail.gateway.keys.UnlockedKeys;

/**
 * One client session's view of the office mailbox, behind one upstream POP3 connection logged in
 * with the client's credentials. Messages are fetched and processed when a command first needs them
 * ({@link #prepare}) and kept for the session — on the heap within a budget, beyond it in sealed
 * spool files — so LIST and STAT sizes are exactly what RETR sends. Nothing is deleted upstream
 * unless the client's QUIT reaches {@link #commit}; {@link #close()} without it closes the upstream
 * connection without QUIT.
 */
final class ProxyMailbox implements Mailbox {
  /** The session's heap budget for kept messages, in multiples of the per-message limit. */
  static final int SESSION_MEMORY_MESSAGES = 8;

  private final MessageProcessor.Reader reader;
  private final UpstreamPop3 upstream;
  private final MessageProcessor processor;
  private final UnlockedKeys keys;
  private final Path spoolDir;
  private final int messageMemoryBytes;
  private final Map<String, UpstreamMessage> byUid = new LinkedHashMap<>();
  private final List<MessageMetaData> metaData = new ArrayList<>();
  private final Map<String, ProcessedMessage> processed = new HashMap<>();
  private final Runnable onClose;
  private long memoryLeft;
  private boolean broken;
  private boolean closed;

  ProxyMailbox(
      MessageProcessor.Reader reader,
      UpstreamPop3 upstream,
      List<UpstreamMessage> listing,
      MessageProcessor processor,
      UnlockedKeys keys,
      Path spoolDir,
      int messageMemoryBytes,
      Runnable onClose) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.processor = Objects.requireNonNull(processor, "processor");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.spoolDir = Objects.requireNonNull(spoolDir, "spoolDir");
    this.messageMemoryBytes = messageMemoryBytes;
    this.memoryLeft = (long) messageMemoryBytes * SESSION_MEMORY_MESSAGES;
    this.onClose = Objects.requireNonNull(onClose, "onClose");
    for (UpstreamMessage m : listing) {
      if (byUid.putIfAbsent(m.uid(), m) == null) {
        metaData.add(new Meta(m.uid()));
      }
    }
  }

  /** The login name. */
  String user() {
    return reader.address();
  }

  /**
   * Fetches and processes the messages among {@code uids} not yet processed, with one key lease.
   *
   * @throws MasterKeyLockedException if one is kdcmail and the user's key is locked
   * @throws IOException if the office server or the spool fails
   */
  synchronized void prepare(Collection<String> uids) throws IOException, MasterKeyLockedException {
    try (CommandKey key = new CommandKey(keys, reader.address())) {
      for (String uid : uids) {
        if (!processed.containsKey(uid)) {
          processed.put(uid, fetch(message(uid), key));
        }
      }
    }
  }

  /** What the gateway did with a prepared message. */
  synchronized MessageStatus status(String uid) throws IOException {
    return processed(uid).status();
  }

  private ProcessedMessage fetch(UpstreamMessage m, CommandKey key)
      throws IOException, MasterKeyLockedException {
    usable();
    try (SealedSpool raw = new SealedSpool(spoolDir, messageMemoryBytes)) {
      try {
        upstream.retrieve(m.number()).transferTo(raw.output());
      } catch (IOException e) {
        broken = true;
        throw e;
      }
      raw.finish();
      int limit = (int) Math.max(0, Math.min(messageMemoryBytes, memoryLeft));
      ProcessedMessage p = processor.process(m, raw, reader, key, limit);
      memoryLeft -= p.memoryBytes();
      return p;
    }
  }

  private UpstreamMessage message(String uid) throws IOException {
    UpstreamMessage m = byUid.get(uid);
    if (m == null) {
      throw new IOException("no message " + uid + " in this mailbox");
    }
    return m;
  }

  private ProcessedMessage processed(String uid) throws IOException {
    ProcessedMessage p = processed.get(uid);
    if (p == null) {
      throw new IOException("message " + uid + " was not prepared");
    }
    return p;
  }

  private void usable() throws IOException {
    if (closed) {
      throw new IOException("this POP3 session has ended");
    }
    if (broken) {
      throw new IOException("the connection to the office POP3 server failed; log in again");
    }
  }

  private synchronized long size(String uid) {
    try {
      if (!processed.containsKey(uid)) {
        prepare(List.of(uid));
      }
      return processed(uid).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MasterKeyLockedException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
  }

  @Override
  public synchronized InputStream getMessage(String uid) throws IOException {
    try {
      prepare(List.of(uid));
    } catch (MasterKeyLockedException e) {
      throw new IOException(e.getMessage(), e);
    }
    return processed(uid).open();
  }

  @Override
  public List<MessageMetaData> getMessages() {
    return List.copyOf(metaData);
  }

  /** Marks messages deleted upstream (DELE); they go only when {@link #commit} sends QUIT. */
  @Override
  public synchronized void remove(String... uids) throws IOException {
    usable();
    for (String uid : uids) {
      upstream.delete(message(uid).number());
    }
  }

  /**
   * The client's QUIT: marks {@code deleted} upstream and sends QUIT, so the office server deletes
   * them. If any mark fails, RSET first, so that nothing at all is deleted.
   *
   * @throws IOException if the office server did not confirm; then nothing may have been deleted
   */
  synchronized void commit(List<String> deleted) throws IOException {
    try {
      try {
        remove(deleted.toArray(String[]::new));
      } catch (IOException e) {
        if (!broken && !closed) {
          upstream.reset();
        }
        throw e;
      }
      upstream.quit();
    } finally {
      close();
    }
  }

  @Override
  public String getIdentifier() {
    return reader.address();
  }

  /**
   * Ends the session; without a {@link #commit} first, the upstream connection closes without QUIT.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    upstream.abort();
    for (ProcessedMessage p : processed.values()) {
      try {
        p.close();
      } catch (IOException e) {
        // the spool file may already be gone
      }
    }
    processed.clear();
    onClose.run();
  }

  /** A message's metadata whose size is the processed size, computed when first asked. */
  private final class Meta extends MessageMetaData {
    Meta(String uid) {
      super(uid, -1);
    }

    @Override
    public long getSize() {
      return size(getUid());
    }
  }
}
