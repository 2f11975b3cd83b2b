package org.kdcmail.plugin.enroll;

import java.nio.file.Path;
import org.kdcmail.plugin.store.ClientStore;
import org.kdcmail.plugin.store.StoreContents;

/** Writes a store as enrollment would, at the cheap test cost (keeps the store-cost type local). */
public final class TestStores {
  private TestStores() {}

  /** Writes {@code contents} to {@code path} under {@code loginPassword}. */
  public static void write(Path path, char[] loginPassword, StoreContents contents) {
    ClientKdfSettings settings = TestSettings.cheap();
    ClientStore.create(path, loginPassword, contents, settings.storeKey(), settings.random());
  }
}
