-- kdcmail KDC store, schema 4: one index write less per audit entry on the session-key hot path.
-- Every issued key appends one kdc_audit row inside the group commit. The (type, seq) index served
-- only type filters over the audit log, which no command of the KDC runs (`admin audit` reads in
-- seq order, through the primary key); a filter by type now reads in seq order and skips other
-- types. docs/storage.md, "Indexes on the hot path".
DROP INDEX kdc_audit_type;
