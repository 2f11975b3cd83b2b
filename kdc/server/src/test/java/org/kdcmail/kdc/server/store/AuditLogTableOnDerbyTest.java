package org.kdcmail.kdc.server.store;

import java.nio.file.Path;

class AuditLogTableOnDerbyTest extends AuditLogTableContract {
  @Override
  StoreUnderTest storeUnderTest(Path dataDir) {
    return StoreUnderTest.derby(dataDir);
  }
}
