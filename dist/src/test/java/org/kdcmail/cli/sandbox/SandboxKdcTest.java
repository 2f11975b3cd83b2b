package org.kdcmail.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;

/** The sandbox KDC's folders across runs: made once, reopened, never confused with another KDC. */
class SandboxKdcTest {
  @TempDir Path dir;
  private final List<String> progress = new ArrayList<>();

  @Test
  void firstRun_kdcFolderInHome_databasesInData() throws Exception {
    Path home = dir.resolve("home");
    Path data = dir.resolve("data");
    int port = freePort();

    try (KdcServer kdc = start(home, data, port, progress::add)) {
      assertThat(kdc.port()).isEqualTo(port);
      assertThat(kdc.settings().source()).isEqualTo("system");
    }

    KdcPaths inHome = KdcPaths.underHome(home);
    assertThat(inHome.settings()).exists();
    assertThat(inHome.kekFile()).exists();
    assertThat(inHome.root().resolve("admin.token")).exists();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(inHome.root().resolve(SandboxKdc.MARKER))))
        .isEqualTo("rw-------");
    assertThat(inHome.store()).doesNotExist();
    assertThat(data.resolve("store")).isDirectory();
    assertThat(data.resolve("keybank")).isDirectory();
    assertThat(progress).anyMatch(line -> line.contains("not quantum"));
  }

  @Test
  void secondRun_sameFolders_sameKdc_newPortWrittenForAdmin() throws Exception {
    Path home = dir.resolve("home");
    Path data = dir.resolve("data");
    String fingerprint;
    try (KdcServer kdc = start(home, data, freePort(), progress::add)) {
      fingerprint = kdc.fingerprint().format();
    }
    int newPort = freePort();

    try (KdcServer kdc = start(home, data, newPort, progress::add)) {
      assertThat(kdc.fingerprint().format()).isEqualTo(fingerprint);
    }
    assertThat(KdcSettings.read(KdcPaths.underHome(home).settings()).port()).isEqualTo(newPort);
  }

  @Test
  void otherDataFolder_refusedNamingTheRecordedOne() throws Exception {
    Path home = dir.resolve("home");
    Path data = dir.resolve("data");
    start(home, data, freePort(), progress::add).close();

    assertThatThrownBy(() -> start(home, dir.resolve("other"), freePort(), progress::add))
        .hasMessageContaining("keeps its databases in " + data)
        .hasMessageContaining("--data " + data);
  }

  @Test
  void dataFolderEmptied_makesANewKdc() throws Exception {
    Path home = dir.resolve("home");
    Path data = dir.resolve("data");
    String fingerprint;
    try (KdcServer kdc = start(home, data, freePort(), progress::add)) {
      fingerprint = kdc.fingerprint().format();
    }
    deleteFolder(data);

    try (KdcServer kdc = start(home, data, freePort(), progress::add)) {
      assertThat(kdc.fingerprint().format()).isNotEqualTo(fingerprint);
    }
    assertThat(progress).anyMatch(line -> line.contains("making a new KDC"));
  }

  @Test
  void homeHoldsAKdcTheSandboxDidNotMake_refused() throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(KdcPaths.underHome(home).root());
    KdcSettings.defaults("real").write(KdcPaths.underHome(home).settings());

    assertThatThrownBy(() -> start(home, dir.resolve("data"), freePort(), progress::add))
        .hasMessageContaining("holds a KDC that kdcmail sandbox did not make")
        .hasMessageContaining("--home");
  }

  @Test
  void dataOfAnotherSandbox_refused() throws Exception {
    Path data = dir.resolve("data");
    start(dir.resolve("home1"), data, freePort(), progress::add).close();

    assertThatThrownBy(() -> start(dir.resolve("home2"), data, freePort(), progress::add))
        .hasMessageContaining(
            "holds the databases of a sandbox whose KDC folder is not in this home");
  }

  /** The sandbox KDC with a cheap passphrase cost (the folder logic is what is tested). */
  private static KdcServer start(
      Path home, Path data, int port, java.util.function.Consumer<String> progress)
      throws Exception {
    return SandboxKdc.start(home, data, port, progress, new Argon2Parameters(1024, 1, 1));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteFolder(Path folder) throws Exception {
    try (var all = Files.walk(folder)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
