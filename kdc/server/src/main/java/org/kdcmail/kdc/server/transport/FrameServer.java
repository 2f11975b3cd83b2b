package org.kdcmail.kdc.server.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kdcmail.kdc.protocol.wire.FrameCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking TCP frame server. One acceptor thread; one pooled thread per connection, at most
 * {@link Builder#maxConnections(int)} of them. A connection over the cap gets a {@code
 * TOO_MANY_CONNECTIONS} error frame and is closed. Configuration is fixed at {@link #builder()}
 * time and logged once by {@link #start()}.
 *
 * <p>Lifecycle: {@link #start()} binds and accepts; {@link #close()} stops accepting, lets each
 * connection finish the frame it is handling, and closes whatever is left after {@link
 * Builder#shutdownTimeout(Duration)}.
 */
public final class FrameServer implements AutoCloseable {

  public static final int DEFAULT_PORT = 7750;
  public static final int DEFAULT_MAX_CONNECTIONS = 64;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_FRAME_DEADLINE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  /** Accept backlog; further connection attempts wait in the kernel or are refused. */
  static final int BACKLOG = 50;

  private static final Logger log = LoggerFactory.getLogger(FrameServer.class);

  private final Builder config;
  private final Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor pool;
  private ServerSocket serverSocket;
  private Thread acceptor;
  private volatile boolean closing;

  private FrameServer(Builder config) {
    this.config = config;
    this.slots = new Semaphore(config.maxConnections);
    this.pool =
        new ThreadPoolExecutor(
            config.maxConnections,
            config.maxConnections,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            threads("kdc-conn-"));
    pool.allowCoreThreadTimeOut(true);
  }

  /** A builder with the defaults: 127.0.0.1:7750, 64 connections, 30 s idle, 64 KiB frames. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds and starts accepting.
   *
   * @throws UncheckedIOException if the address cannot be bound (e.g. the port is in use)
   */
  public synchronized FrameServer start() {
    if (serverSocket != null) {
      throw new IllegalStateException("already started");
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(config.bindAddress, config.port), BACKLOG);
      serverSocket = socket;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + config.bindAddress.getHostAddress()
              + ":"
              + config.port
              + " (is another KDC running? set a different port): "
              + e.getMessage(),
          e);
    }
    log.info(
        "KDC transport listening on {}:{} (maxConnections={}, idleTimeout={}, maxPayloadBytes={},"
            + " shutdownTimeout={})",
        config.bindAddress.getHostAddress(),
        port(),
        config.maxConnections,
        config.idleTimeout,
        config.maxPayloadBytes,
        config.shutdownTimeout);
    acceptor = threads("kdc-accept-").newThread(this::acceptLoop);
    acceptor.start();
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    ServerSocket socket = serverSocket;
    if (socket == null) {
      throw new IllegalStateException("not started");
    }
    return socket.getLocalPort();
  }

  /** Connections being served right now. */
  public int activeConnections() {
    return config.maxConnections - slots.availablePermits();
  }

  private void acceptLoop() {
    while (!closing) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!closing) {
          log.error("accept failed; KDC transport stops accepting", e);
        }
        return;
      }
      dispatch(socket);
    }
  }

  private void dispatch(Socket socket) {
    ConnectionHandler handler = new ConnectionHandler(socket, config);
    if (closing || !slots.tryAcquire()) {
      handler.refuseOverCap(config.maxConnections);
      return;
    }
    open.add(socket);
    try {
      pool.execute(
          () -> {
            try {
              handler.run();
            } finally {
              open.remove(socket);
              slots.release();
            }
          });
    } catch (RuntimeException e) {
      open.remove(socket);
      slots.release();
      handler.refuseOverCap(config.maxConnections);
    }
  }

  /** Stops accepting and ends all connections within the shutdown timeout. Idempotent. */
  @Override
  public synchronized void close() {
    if (closing) {
      return;
    }
    closing = true;
    if (serverSocket == null) {
      pool.shutdownNow();
      return;
    }
    closeQuietly(serverSocket);
    pool.shutdown();
    // Graceful: a connection blocked waiting for its next frame sees end of stream; one handling
    // a frame finishes it and sends its reply first.
    open.forEach(FrameServer::shutdownInputQuietly);
    try {
      if (!pool.awaitTermination(config.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} connections still busy after {}; closing them",
            open.size(),
            config.shutdownTimeout);
        open.forEach(FrameServer::closeQuietly);
        pool.shutdownNow();
        pool.awaitTermination(config.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      acceptor.join(config.shutdownTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("KDC transport on port {} closed", serverSocket.getLocalPort());
  }

  /** True once no connection thread and no acceptor is left. */
  public boolean isTerminated() {
    return closing && pool.isTerminated() && (acceptor == null || !acceptor.isAlive());
  }

  private static void shutdownInputQuietly(Socket socket) {
    try {
      socket.shutdownInput();
    } catch (IOException e) {
      closeQuietly(socket);
    }
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("close failed", e);
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Immutable-once-built server configuration. Every limit is bounded; {@link #build()} validates
   * and copies, so later changes to a builder never affect a built server.
   */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = DEFAULT_PORT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration frameDeadline = DEFAULT_FRAME_DEADLINE;
    private int maxPayloadBytes = FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private ConversationFactory conversations;

    private Builder() {}

    private Builder(Builder other) {
      bindAddress = other.bindAddress;
      port = other.port;
      maxConnections = other.maxConnections;
      idleTimeout = other.idleTimeout;
      frameDeadline = other.frameDeadline;
      maxPayloadBytes = other.maxPayloadBytes;
      shutdownTimeout = other.shutdownTimeout;
      conversations = other.conversations;
    }

    /** Default: the loopback address (127.0.0.1). */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Default 7750; 0 picks a free port (tests). */
    public Builder port(int port) {
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException("port must be in 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Default 64; 1..10000. */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1 || maxConnections > 10_000) {
        throw new IllegalArgumentException("maxConnections must be in 1..10000");
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /** Longest wait for the next frame (or the rest of one); default 30 s. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * Longest time from a frame's first byte to its last, however slowly the peer sends; default 30
     * s.
     */
    public Builder frameDeadline(Duration deadline) {
      this.frameDeadline = positive(deadline, "frameDeadline");
      return this;
    }

    /** Largest payload accepted; default 64 KiB, at most 16 MiB. */
    public Builder maxPayloadBytes(int maxPayloadBytes) {
      if (maxPayloadBytes < 0 || maxPayloadBytes > FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException(
            "maxPayloadBytes must be in 0.." + FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES);
      }
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    /** How long {@link FrameServer#close()} waits for connections; default 5 s. */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = positive(timeout, "shutdownTimeout");
      return this;
    }

    /** Required: creates the conversation for each connection. */
    public Builder conversations(ConversationFactory factory) {
      this.conversations = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** A server with a snapshot of this configuration, not yet started. */
    public FrameServer build() {
      if (conversations == null) {
        throw new IllegalStateException("conversations(ConversationFactory) is required");
      }
      return new FrameServer(new Builder(this));
    }

    InetAddress bindAddress() {
      return bindAddress;
    }

    Duration idleTimeout() {
      return idleTimeout;
    }

    Duration frameDeadline() {
      return frameDeadline;
    }

    int maxPayloadBytes() {
      return maxPayloadBytes;
    }

    ConversationFactory conversations() {
      return conversations;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + " must be positive and at most 24 days");
      }
      return d;
    }
  }
}
