package org.kdcmail.kdc.server.store;

import java.nio.file.Path;
import org.kdcmail.testing.RequiresProgram;

@RequiresProgram(
    value = {"initdb", "pg_ctl"},
    debianPackage = "postgresql")
class KdcStoreOnPostgresqlTest extends KdcStoreContract {
  @Override
  StoreUnderTest storeUnderTest(Path dataDir) {
    return StoreUnderTest.postgresql();
  }
}
