-- The key bank on PostgreSQL: the Derby schema (docs/key-bank.md) with BYTEA for binary columns.
-- Versioned by Flyway in its own history table, kb_flyway_history.
CREATE TABLE kb_meta (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  val BYTEA NOT NULL
);

CREATE TABLE kb_batch (
  batch_id CHAR(32) NOT NULL PRIMARY KEY,
  format_version SMALLINT NOT NULL,
  source_id VARCHAR(255) NOT NULL,
  source_kind VARCHAR(16) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  salt BYTEA NOT NULL,
  key_count INT NOT NULL
);

CREATE TABLE kb_page (
  slot BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id CHAR(32) NOT NULL,
  first_seq INT NOT NULL,
  key_count INT NOT NULL,
  sealed_keys BYTEA NOT NULL,
  CONSTRAINT kb_page_batch_seq UNIQUE (batch_id, first_seq),
  CONSTRAINT kb_page_batch FOREIGN KEY (batch_id) REFERENCES kb_batch (batch_id)
);
