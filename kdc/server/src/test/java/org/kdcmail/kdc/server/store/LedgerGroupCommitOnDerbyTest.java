package org.kdcmail.kdc.server.store;

import java.nio.file.Path;

class LedgerGroupCommitOnDerbyTest extends LedgerGroupCommitContract {
  @Override
  StoreUnderTest storeUnderTest(Path dataDir) {
    return StoreUnderTest.derby(dataDir);
  }
}
