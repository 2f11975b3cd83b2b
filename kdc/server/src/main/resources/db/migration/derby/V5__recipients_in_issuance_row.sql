-- kdcmail KDC store, schema 5: an issuance's recipients in its own row.
-- Recording a key inserted one kdc_issuance row and one kdc_issuance_recipient row per recipient,
-- each with its primary-key entry, inside the group commit. The recipients and their sealed K_ABi
-- now go into kdc_issuance.recipients (encoding: InlineRecipients, docs/storage.md), one insert
-- per key whatever the number of recipients. A list whose encoding exceeds the column still goes to
-- kdc_issuance_recipient, where every issuance recorded before this version keeps its recipients:
-- recipients IS NULL means "look in kdc_issuance_recipient". Existing rows are not rewritten.
ALTER TABLE kdc_issuance ADD COLUMN recipients VARCHAR(4000) FOR BIT DATA;
