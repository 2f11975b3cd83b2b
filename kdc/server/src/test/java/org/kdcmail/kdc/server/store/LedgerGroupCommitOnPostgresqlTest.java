package org.kdcmail.kdc.server.store;

import java.nio.file.Path;
import org.kdcmail.testing.RequiresProgram;

@RequiresProgram(
    value = {"initdb", "pg_ctl"},
    debianPackage = "postgresql")
class LedgerGroupCommitOnPostgresqlTest extends LedgerGroupCommitContract {
  @Override
  StoreUnderTest storeUnderTest(Path dataDir) {
    return StoreUnderTest.postgresql();
  }
}
