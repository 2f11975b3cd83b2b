-- kdcmail KDC store, schema 6: the replay cache keyed by (request time, sender, nonce).
-- The primary key was (sender, nonce): a random nonce put every insert at a random place in a
-- B-tree holding every request of the last skew window (rate x skew rows, far more than Derby's
-- page cache), and a second index on expires_at_ms served the purge. Leading with the request's
-- own time T (inside the request's AEAD, so a replay carries its original's T) puts inserts at the
-- end of the index, where its pages stay cached, and the same key serves the purge (oldest T
-- first), so the expires_at_ms index goes. A replay is the same (T, sender, nonce) and is refused
-- by this key as before; the same nonce under another T can only come from the holder of the
-- sender's master key (RFC 4120 section 3.2.3 keys its replay cache on the authenticator's time
-- too). docs/storage.md, "kdc_replay".
ALTER TABLE kdc_replay DROP CONSTRAINT kdc_replay_pk;
ALTER TABLE kdc_replay ADD CONSTRAINT kdc_replay_pk PRIMARY KEY (request_at_ms, sender, nonce);
DROP INDEX kdc_replay_expires;
