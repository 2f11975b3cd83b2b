package org.kdcmail.kdc.server.store;

import java.nio.file.Path;

class IssuanceTableOnDerbyTest extends IssuanceTableContract {
  @Override
  StoreUnderTest storeUnderTest(Path dataDir) {
    return StoreUnderTest.derby(dataDir);
  }
}
