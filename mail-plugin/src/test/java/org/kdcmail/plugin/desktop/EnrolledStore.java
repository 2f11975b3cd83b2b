package org.kdcmail.plugin.desktop;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.masterkey.MasterKeyDerivation;
import org.kdcmail.kdc.protocol.masterkey.UserPointDerivation;
import org.kdcmail.plugin.enroll.TestSettings;
import org.kdcmail.plugin.enroll.TestStores;
import org.kdcmail.plugin.store.StoreContents;

/**
 * A local store as enrollment writes it (cheap Argon2id), for one user, MK-ID and MK password, and
 * the master key it unlocks to.
 */
record EnrolledStore(Path path, MasterKey expected) {

  static final String USER = "alice@example.test";
  static final String LOGIN = "login-pw";
  static final String MK_ID = "blue-harbour-7";
  static final String MK_PASSWORD = "correct horse 42";

  static EnrolledStore write(Path folder) {
    SecureRandom random = new SecureRandom();
    List<FieldPoint> points = new ArrayList<>();
    points.add(
        new UserPointDerivation(TestSettings.CHEAP)
            .derive(USER, MK_ID.toCharArray(), MK_PASSWORD.toCharArray()));
    for (int i = 0; i < 4; i++) {
      points.add(new FieldPoint(element(random), element(random)));
    }
    MasterKey expected = new MasterKeyDerivation().deriveMasterKey(USER, points);
    Path store = folder.resolve("client.store");
    TestStores.write(
        store,
        LOGIN.toCharArray(),
        new StoreContents(
            USER,
            "127.0.0.1:7750",
            "00",
            points.subList(1, 5),
            new MasterKeyDerivation().verifierOf(expected),
            Instant.now()));
    return new EnrolledStore(store, expected);
  }

  private static FieldElement element(SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return FieldElement.reduce(b);
  }
}
