-- kdcmail KDC store, schema 2: the issuance ledger (replay cache, issued keys, audit chain).
-- PostgreSQL dialect: db/migration/derby/V2 translated (see V1 and docs/storage.md):
--   VARCHAR(n) FOR BIT DATA -> BYTEA; the X'00..' literal (a bit string here) -> decode(.., 'hex').
-- Times are BIGINT milliseconds since the epoch (UTC).

-- Replay cache shared by every KDC node on this database (RFC 4120 section 3.2.3): one row per
-- (sender, request nonce) seen inside the skew window. The primary key is the replay check: a
-- second INSERT fails with SQLState 23505. expires_at_ms = request time + allowed skew; rows past
-- it are purged in bounded batches.
CREATE TABLE kdc_replay (
  sender         VARCHAR(320) NOT NULL,
  nonce          BYTEA NOT NULL,
  request_at_ms  BIGINT NOT NULL,
  expires_at_ms  BIGINT NOT NULL,
  seen_at_ms     BIGINT NOT NULL,
  CONSTRAINT kdc_replay_pk PRIMARY KEY (sender, nonce)
);

CREATE INDEX kdc_replay_expires ON kdc_replay (expires_at_ms);

-- One row per session key ever issued; the key id is never reused (primary key).
-- sealed_session_key: nonce (12) || AES-256-GCM(K_sk, K_S) || tag (16); AAD binds key id, sender.
CREATE TABLE kdc_issuance (
  key_id             VARCHAR(64) NOT NULL,
  sender             VARCHAR(320) NOT NULL,
  issued_at_ms       BIGINT NOT NULL,
  not_after_ms       BIGINT NOT NULL,
  source_id          VARCHAR(255) NOT NULL,
  source_kind        VARCHAR(32) NOT NULL,
  batch_id           VARCHAR(64) NOT NULL,
  state              VARCHAR(16) NOT NULL,
  revoked_at_ms      BIGINT,
  key_format         SMALLINT NOT NULL,
  sealed_session_key BYTEA NOT NULL,
  CONSTRAINT kdc_issuance_pk PRIMARY KEY (key_id),
  CONSTRAINT kdc_issuance_state CHECK (state IN ('ISSUED', 'REVOKED')),
  CONSTRAINT kdc_issuance_revoked CHECK ((state = 'REVOKED') = (revoked_at_ms IS NOT NULL)),
  CONSTRAINT kdc_issuance_times CHECK (not_after_ms > issued_at_ms)
);

CREATE INDEX kdc_issuance_batch ON kdc_issuance (batch_id);
CREATE INDEX kdc_issuance_sender ON kdc_issuance (sender);

-- The recipients of each key, with K_ABi (the key the KDC shares with this recipient for this
-- message) sealed under the KEK; AAD binds key id, sender and recipient.
CREATE TABLE kdc_issuance_recipient (
  key_id              VARCHAR(64) NOT NULL,
  recipient           VARCHAR(320) NOT NULL,
  sealed_pairwise_key BYTEA NOT NULL,
  CONSTRAINT kdc_issuance_recipient_pk PRIMARY KEY (key_id, recipient),
  CONSTRAINT kdc_issuance_recipient_fk FOREIGN KEY (key_id) REFERENCES kdc_issuance (key_id)
);

CREATE INDEX kdc_issuance_recipient_user ON kdc_issuance_recipient (recipient);

-- Append-only, hash-chained audit log. seq is assigned by the appender from kdc_audit_head (not an
-- identity column: identities may skip values, and a gap must mean a deleted row).
-- hash = SHA-256(prev_hash || canonical encoding of seq, at_ms, type, actor, subject, detail).
CREATE TABLE kdc_audit (
  seq       BIGINT NOT NULL,
  at_ms     BIGINT NOT NULL,
  type      VARCHAR(32) NOT NULL,
  actor     VARCHAR(320) NOT NULL,
  subject   VARCHAR(320) NOT NULL,
  detail    VARCHAR(1000) NOT NULL,
  prev_hash BYTEA NOT NULL,
  hash      BYTEA NOT NULL,
  CONSTRAINT kdc_audit_pk PRIMARY KEY (seq),
  CONSTRAINT kdc_audit_seq CHECK (seq >= 1)
);

CREATE INDEX kdc_audit_type ON kdc_audit (type, seq);

-- One row: the chain head. Appenders lock it (SELECT ... FOR UPDATE) so that appends from every
-- node are serialized and the chain cannot fork; verify() compares it with the last row, so a
-- deleted tail is detected.
CREATE TABLE kdc_audit_head (
  id        SMALLINT NOT NULL,
  last_seq  BIGINT NOT NULL,
  last_hash BYTEA NOT NULL,
  CONSTRAINT kdc_audit_head_pk PRIMARY KEY (id),
  CONSTRAINT kdc_audit_head_single CHECK (id = 1)
);

INSERT INTO kdc_audit_head (id, last_seq, last_hash)
  VALUES (1, 0, decode(repeat('00', 32), 'hex'));
