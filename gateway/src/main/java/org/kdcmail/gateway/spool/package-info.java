/**
 * The on-disk record format shared by the gateway's sealed files (the hold spool's messages, the
 * SMTP and POP3 spill files): AES-256-GCM records with their place and last-record flag in the
 * nonce, and the stream that reads them back one record at a time.
 */
package org.kdcmail.gateway.spool;
