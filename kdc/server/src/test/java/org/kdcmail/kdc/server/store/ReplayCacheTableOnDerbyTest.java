package org.kdcmail.kdc.server.store;

import java.nio.file.Path;

class ReplayCacheTableOnDerbyTest extends ReplayCacheTableContract {
  @Override
  StoreUnderTest storeUnderTest(Path dataDir) {
    return StoreUnderTest.derby(dataDir);
  }
}
