-- kdcmail KDC store, schema 1: users, invitations, the KDC identity.
-- PostgreSQL dialect: db/migration/derby/V1 translated, same tables, columns and constraints.
-- Differences: VARCHAR(n) FOR BIT DATA -> BYTEA (no length limit; the store writes fixed sizes);
-- everything else (BIGINT epoch millis, VARCHAR, SMALLINT, CHECK constraints, CREATE INDEX) is
-- unchanged. See docs/storage.md.
-- Times are BIGINT milliseconds since the epoch (UTC), to avoid TIMESTAMP time-zone differences.

CREATE TABLE kdc_user (
  username          VARCHAR(320) NOT NULL,
  status            VARCHAR(16) NOT NULL,
  created_at_ms     BIGINT NOT NULL,
  updated_at_ms     BIGINT NOT NULL,
  key_version       INT NOT NULL,
  key_format        SMALLINT NOT NULL,
  sealed_master_key BYTEA NOT NULL,
  CONSTRAINT kdc_user_pk PRIMARY KEY (username),
  CONSTRAINT kdc_user_status CHECK (status IN ('ACTIVE', 'DISABLED')),
  CONSTRAINT kdc_user_key_version CHECK (key_version >= 1)
);

-- sealed_code: the enrollment code (its formatted text, UTF-8) sealed under the KEK
-- (nonce || AES-256-GCM || tag; AAD binds format, invitation id and username). The KDC needs the
-- code itself because the client's proof is a MAC keyed by it. NULL once the invitation leaves
-- PENDING (USED, LOCKED, EXPIRED): the code is deleted in the same update.
CREATE TABLE kdc_invitation (
  invitation_id   BYTEA NOT NULL,
  username        VARCHAR(320) NOT NULL,
  sealed_code     BYTEA,
  created_at_ms   BIGINT NOT NULL,
  expires_at_ms   BIGINT NOT NULL,
  failed_attempts INT NOT NULL,
  state           VARCHAR(16) NOT NULL,
  closed_at_ms    BIGINT,
  CONSTRAINT kdc_invitation_pk PRIMARY KEY (invitation_id),
  CONSTRAINT kdc_invitation_state CHECK (state IN ('PENDING', 'USED', 'LOCKED', 'EXPIRED')),
  CONSTRAINT kdc_invitation_attempts CHECK (failed_attempts >= 0),
  CONSTRAINT kdc_invitation_code CHECK (state = 'PENDING' OR sealed_code IS NULL)
);

CREATE INDEX kdc_invitation_username ON kdc_invitation (username);

-- One row: the KDC's long-term Ed25519 identity. The public key is in clear (clients pin its
-- fingerprint); the private key is sealed under the KEK.
CREATE TABLE kdc_identity (
  id                 SMALLINT NOT NULL,
  algorithm          VARCHAR(16) NOT NULL,
  public_key         BYTEA NOT NULL,
  sealed_private_key BYTEA NOT NULL,
  created_at_ms      BIGINT NOT NULL,
  CONSTRAINT kdc_identity_pk PRIMARY KEY (id),
  CONSTRAINT kdc_identity_single CHECK (id = 1)
);
