package org.kdcmail.plugin.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.plugin.enroll.TestSettings;
import org.kdcmail.plugin.unlock.Unlocker;

class LocalUnlockHandlerTest {

  @TempDir Path dir;
  private EnrolledStore store;
  private final List<MasterKey> received = new ArrayList<>();
  private final Unlocker unlocker = new Unlocker(TestSettings.CHEAP, Clock.systemUTC(), d -> {});

  @BeforeEach
  void enroll() {
    store = EnrolledStore.write(dir);
  }

  private LocalUnlockHandler handler(String login, UnlockedKeyReceiver receiver) {
    return new LocalUnlockHandler(
        unlocker, EnrolledStore.USER, store.path(), login.toCharArray(), receiver);
  }

  private MkEntryResult submit(LocalUnlockHandler handler, String id, String password)
      throws InterruptedException {
    return handler.submit(id.toCharArray(), password.toCharArray());
  }

  @Test
  void submit_rightEntry_acceptsAndHandsTheKeyOn() throws Exception {
    MkEntryResult result =
        submit(
            handler(EnrolledStore.LOGIN, (user, key) -> received.add(key)),
            EnrolledStore.MK_ID,
            EnrolledStore.MK_PASSWORD);

    assertThat(result).isInstanceOf(MkEntryResult.Accepted.class);
    assertThat(received).containsExactly(store.expected());
  }

  @Test
  void submit_wrongMkPassword_isWrongAndHandsNothingOn() throws Exception {
    MkEntryResult result =
        submit(
            handler(EnrolledStore.LOGIN, (user, key) -> received.add(key)),
            EnrolledStore.MK_ID,
            "wrong");

    assertThat(result).isInstanceOf(MkEntryResult.Wrong.class);
    assertThat(received).isEmpty();
  }

  @Test
  void submit_wrongLoginPassword_failsNamingTheLoginPassword() throws Exception {
    MkEntryResult result =
        submit(
            handler("not-the-login", (user, key) -> received.add(key)),
            EnrolledStore.MK_ID,
            EnrolledStore.MK_PASSWORD);

    assertThat(result).isInstanceOf(MkEntryResult.Failed.class);
    assertThat(((MkEntryResult.Failed) result).message()).contains("login password is wrong");
  }

  @Test
  void submit_noStore_failsSayingEnrollFirst() throws Exception {
    LocalUnlockHandler handler =
        new LocalUnlockHandler(
            unlocker,
            EnrolledStore.USER,
            dir.resolve("missing.store"),
            EnrolledStore.LOGIN.toCharArray(),
            (user, key) -> received.add(key));

    MkEntryResult result = submit(handler, EnrolledStore.MK_ID, EnrolledStore.MK_PASSWORD);

    assertThat(((MkEntryResult.Failed) result).message()).contains("enroll first");
  }

  @Test
  void submit_receiverFails_failsWithItsMessage() throws Exception {
    MkEntryResult result =
        submit(
            handler(
                EnrolledStore.LOGIN,
                (user, key) -> {
                  key.destroy();
                  throw new IOException("the gateway is not running");
                }),
            EnrolledStore.MK_ID,
            EnrolledStore.MK_PASSWORD);

    assertThat(((MkEntryResult.Failed) result).message())
        .contains("master key is right")
        .contains("the gateway is not running");
  }
}
