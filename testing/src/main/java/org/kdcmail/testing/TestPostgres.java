package org.kdcmail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temp folder, {@code pg_ctl start}
 * on a free loopback port (trust authentication, fsync off), one per JVM, stopped and deleted at
 * JVM exit. Each test takes a fresh database from {@link #newDatabase()}. Needs {@code initdb} and
 * {@code pg_ctl} on {@code PATH} (Debian: {@code /usr/lib/postgresql/NN/bin}; {@code .ci/run} adds
 * it): mark the test {@code @RequiresProgram({"initdb", "pg_ctl"})} so it skips without them. As
 * root (which initdb refuses) the server runs as the {@code postgres} user via {@code runuser}. The
 * JDBC driver must be on the test class path.
 */
public final class TestPostgres {
  /** The superuser created by initdb; trust authentication, no password. */
  public static final String USER = "kdcmail";

  private static TestPostgres shared;

  private final Path dir;
  private final int port;
  private final List<String> runAs;
  private final AtomicInteger databases = new AtomicInteger();

  private TestPostgres(Path dir, int port, List<String> runAs) {
    this.dir = dir;
    this.port = port;
    this.runAs = runAs;
  }

  /** The cluster of this JVM, started on first use. */
  public static synchronized TestPostgres shared() {
    if (shared == null) {
      shared = start();
      TestPostgres started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-postgres-stop"));
    }
    return shared;
  }

  /** A new, empty database; returns its JDBC URL. */
  public String newDatabase() {
    String name = "kdc_test_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, null);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e, e);
    }
    return url(name);
  }

  /** The JDBC URL of {@code database} in this cluster. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  private static TestPostgres start() {
    Path initdb = program("initdb");
    Path pgCtl = program("pg_ctl");
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> runAs = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
    try {
      Path base = root ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
      Path dir = Files.createTempDirectory(base, "kdcmail-pg-");
      if (root) {
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      Path data = dir.resolve("data");
      run(
          dir,
          runAs,
          initdb.toString(),
          "-D",
          data.toString(),
          "-U",
          USER,
          "--auth=trust",
          "--no-sync",
          "-E",
          "UTF8",
          "--locale=C");
      IOException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        try {
          run(
              dir,
              runAs,
              pgCtl.toString(),
              "-D",
              data.toString(),
              "-w",
              "-t",
              "60",
              "-l",
              dir.resolve("server.log").toString(),
              "-o",
              "-p "
                  + port
                  + " -k "
                  + dir
                  + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                  + " -c full_page_writes=off -c max_connections=50",
              "start");
          return new TestPostgres(dir, port, runAs);
        } catch (IOException e) {
          last = e; // most likely the port was taken meanwhile
        }
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a throwaway PostgreSQL cluster: " + e, e);
    }
  }

  /** Stops the server (fast shutdown) and deletes its folder. */
  public synchronized void stop() {
    try {
      run(
          dir,
          runAs,
          program("pg_ctl").toString(),
          "-D",
          dir.resolve("data").toString(),
          "-m",
          "immediate",
          "-w",
          "stop");
    } catch (IOException | RuntimeException e) {
      System.err.println("test-postgres: stop failed: " + e.getMessage());
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder
    }
  }

  private static Path program(String name) {
    return RequiredProgramsCondition.findOnPath(name)
        .orElseThrow(() -> new IllegalStateException(name + " is not on PATH"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void run(Path dir, List<String> prefix, String... command) throws IOException {
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(List.of(command));
    Path out = Files.createTempFile("kdcmail-pg-cmd", ".log");
    try {
      // Output to a file, not a pipe: the server pg_ctl forks would keep a pipe open.
      Process p =
          new ProcessBuilder(argv)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", argv) + " timed out");
      }
      if (p.exitValue() != 0) {
        String log = Files.readString(out, StandardCharsets.UTF_8);
        Path serverLog = dir.resolve("server.log");
        if (Files.exists(serverLog)) {
          log += "\n--- server.log ---\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
        }
        throw new IOException(String.join(" ", argv) + " exited " + p.exitValue() + ":\n" + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
