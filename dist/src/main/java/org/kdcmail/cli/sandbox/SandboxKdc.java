package org.kdcmail.cli.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.KdcInitializer;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;
import org.kdcmail.secrets.OwnerOnlyFile;

/**
 * The sandbox's KDC: its folder ({@code HOME/kdc}: settings, wrapped KEK, admin token) where the
 * {@code kdcmail admin} commands find it, its databases in the data folder, the system entropy
 * source (not quantum). Made at the first run, reopened at the next ones. A marker file in the KDC
 * folder records the data folder and the admin passphrase the sandbox chose — a sandbox shortcut: a
 * real KDC's passphrase is never stored.
 */
final class SandboxKdc {
  /** The marker file in the KDC folder; only a KDC with it is treated as the sandbox's. */
  static final String MARKER = "sandbox.properties";

  private static final String DATA_KEY = "data-folder";
  private static final String PASSPHRASE_KEY = "admin-passphrase";

  private final KdcPaths paths;
  private final Consumer<String> progress;

  private final Argon2Parameters passphraseCost;

  private SandboxKdc(KdcPaths paths, Consumer<String> progress, Argon2Parameters passphraseCost) {
    this.paths = paths;
    this.progress = progress;
    this.passphraseCost = passphraseCost;
  }

  /**
   * Makes (first run) or reopens the sandbox KDC for {@code home} and {@code data} and starts it.
   */
  static KdcServer start(Path home, Path data, int port, Consumer<String> progress)
      throws Exception {
    return start(home, data, port, progress, Argon2Parameters.RFC9106_SECOND_RECOMMENDED);
  }

  /** As above, wrapping a new KEK under the admin passphrase at {@code passphraseCost} (tests). */
  static KdcServer start(
      Path home, Path data, int port, Consumer<String> progress, Argon2Parameters passphraseCost)
      throws Exception {
    SandboxKdc kdc =
        new SandboxKdc(KdcPaths.underHome(home).withData(data), progress, passphraseCost);
    char[] passphrase = kdc.prepare().toCharArray();
    try {
      return kdc.run(port, passphrase);
    } finally {
      java.util.Arrays.fill(passphrase, '\0');
    }
  }

  /** The admin passphrase of a usable sandbox KDC, made first if there is none. */
  private String prepare() throws IOException {
    Path marker = paths.root().resolve(MARKER);
    if (Files.exists(marker)) {
      Properties recorded = read(marker);
      Path recordedData = Path.of(recorded.getProperty(DATA_KEY, ""));
      if (!recordedData.equals(paths.data())) {
        throw new IOException(
            "the sandbox in this home folder keeps its databases in "
                + recordedData
                + ", not "
                + paths.data()
                + ": run kdcmail sandbox --data "
                + recordedData
                + ", or use another --home for a separate sandbox");
      }
      if (Files.exists(paths.store())) {
        return recorded.getProperty(PASSPHRASE_KEY, "");
      }
      progress.accept("no databases in " + paths.data() + " any more: making a new KDC");
      deleteFolder(paths.root());
    } else if (Files.exists(paths.settings()) || Files.exists(paths.kekFile())) {
      throw new IOException(
          paths.root()
              + " holds a KDC that kdcmail sandbox did not make: run the sandbox with another"
              + " home folder (--home DIR)");
    } else if (Files.exists(paths.store())) {
      throw new IOException(
          paths.data()
              + " holds the databases of a sandbox whose KDC folder is not in this home folder:"
              + " use that sandbox's --home, or another --data folder");
    }
    return create();
  }

  private String create() throws IOException {
    progress.accept(
        "creating the KDC in "
            + paths.root()
            + ", databases in "
            + paths.data()
            + " (entropy: the operating system, not quantum)");
    Files.createDirectories(
        paths.data(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String passphrase = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    char[] chars = passphrase.toCharArray();
    try {
      new KdcInitializer(paths, settings(KdcSettings.DEFAULT_PORT), passphraseCost)
          .initialize(chars);
    } finally {
      java.util.Arrays.fill(chars, '\0');
    }
    Properties marker = new Properties();
    marker.setProperty(DATA_KEY, paths.data().toString());
    marker.setProperty(PASSPHRASE_KEY, passphrase);
    StringWriter text = new StringWriter();
    marker.store(text, "kdcmail sandbox: this KDC and its data folder (sandbox only)");
    OwnerOnlyFile.writeAtomically(
        paths.root().resolve(MARKER), text.toString().getBytes(StandardCharsets.UTF_8));
    return passphrase;
  }

  private KdcServer run(int port, char[] passphrase) throws Exception {
    KdcSettings settings = KdcSettings.read(paths.settings());
    if (settings.port() != port) {
      settings = settings.withPort(port);
      settings.write(paths.settings()); // so that kdcmail admin finds it
    }
    progress.accept("starting the KDC on 127.0.0.1:" + port);
    return KdcServer.start(paths, settings, passphrase);
  }

  private static KdcSettings settings(int port) {
    return KdcSettings.defaults("sandbox")
        .withSource("system")
        .withBindAddress("127.0.0.1")
        .withPort(port)
        .withMetricsPort(KdcSettings.METRICS_OFF);
  }

  private static Properties read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  private static void deleteFolder(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
