package org.kdcmail.kdc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.server.kek.Pkcs11Settings;

class KdcSettingsPkcs11Test {
  @TempDir Path dir;

  @Test
  void pkcs11Config_writtenToSettings_readBackEqual_andLoggedWithoutPinFileContents()
      throws IOException {
    Path pin = Files.writeString(dir.resolve("pin"), "secret-pin\n");
    Path config =
        Files.writeString(
            dir.resolve("p11.properties"),
            "library=/usr/lib/softhsm/libsofthsm2.so\nslot=42\nkey-label=kek-1\npin-file="
                + pin
                + "\n");
    KdcSettings settings = KdcSettings.defaults("n").withPkcs11(Pkcs11Settings.readConfig(config));
    settings.write(dir.resolve("kdc.properties"));

    KdcSettings read = KdcSettings.read(dir.resolve("kdc.properties"));

    assertThat(read).isEqualTo(settings);
    assertThat(read.kekOnToken()).isTrue();
    assertThat(read.pkcs11().slot()).isEqualTo(42L);
    assertThat(new String(read.pkcs11().readPin())).isEqualTo("secret-pin");
    assertThat(read.toString()).contains("PKCS#11 key 'kek-1'").doesNotContain("secret-pin");
    assertThat(Files.readString(dir.resolve("kdc.properties"))).doesNotContain("secret-pin");
  }

  @Test
  void noPkcs11Keys_meansPassphrase() throws IOException {
    KdcSettings.defaults("n").write(dir.resolve("kdc.properties"));
    assertThat(KdcSettings.read(dir.resolve("kdc.properties")).kekOnToken()).isFalse();
  }

  @Test
  void pkcs11Config_withoutLibrary_isRejectedNamingTheFile() throws IOException {
    Path config = Files.writeString(dir.resolve("p11.properties"), "slot=1\n");
    assertThatThrownBy(() -> Pkcs11Settings.readConfig(config))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("p11.properties")
        .hasMessageContaining("library");
  }
}
