-- kdcmail KDC store, schema 3: fewer index writes on the session-key hot path.
-- Each issuance wrote ten index entries and probed kdc_issuance once per recipient; this drops
-- the three that no query uses (docs/storage.md, "Indexes on the hot path"):
--   kdc_issuance_sender          no query selects issuances by sender (the audit log has it);
--   kdc_issuance_recipient_user  no query selects by recipient alone (lookups are by key id and
--                                recipient, which the primary key serves);
--   kdc_issuance_recipient_fk    the ledger is insert-only and a recipient row is written only in
--                                the transaction that inserts its issuance, by the one writer
--                                (LedgerStatements); the constraint cost a parent probe and a
--                                backing index per recipient.
ALTER TABLE kdc_issuance_recipient DROP CONSTRAINT kdc_issuance_recipient_fk;
DROP INDEX kdc_issuance_recipient_user;
DROP INDEX kdc_issuance_sender;
