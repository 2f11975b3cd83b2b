package org.kdcmail.kdc.server.store;

import java.nio.file.Path;

class KdcStoreOnDerbyTest extends KdcStoreContract {
  @Override
  StoreUnderTest storeUnderTest(Path dataDir) {
    return StoreUnderTest.derby(dataDir);
  }
}
