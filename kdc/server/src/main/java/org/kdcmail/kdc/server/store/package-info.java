/**
 * The KDC's persistent state in an embedded Derby database, or a PostgreSQL database shared by
 * several KDC nodes ({@link org.kdcmail.kdc.server.store.DatabaseLocation}), migrated by Flyway
 * (one migration folder per vendor, same tables): enrolled users and their master keys sealed under
 * the KEK, one-time invitations with their enrollment codes sealed under the KEK and an explicit
 * state machine, and the KDC's Ed25519 identity key sealed under the KEK; and the issuance ledger:
 * a replay cache shared by every KDC node ({@link org.kdcmail.kdc.server.store.ReplayCache}),
 * issued session keys with their keys sealed under the KEK ({@link
 * org.kdcmail.kdc.server.store.IssuanceLedger}) and a hash-chained audit log ({@link
 * org.kdcmail.kdc.server.store.AuditLog}). {@code SQLException} never leaves this package: every
 * failure is a {@link org.kdcmail.kdc.server.store.KdcStoreException} whose message names the
 * operation and the database. Tables and formats: {@code docs/storage.md}.
 */
package org.kdcmail.kdc.server.store;
