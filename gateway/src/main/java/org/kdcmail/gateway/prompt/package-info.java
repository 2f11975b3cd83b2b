/**
 * Prompts on demand (docs/gateway.md, "Prompts and the Thunderbird extension"): the login passwords
 * the gateway remembers from AUTH/PASS, unlocking from an MK entry, the registry of prompts waiting
 * to be asked, pairing codes and tokens for the Thunderbird extension, and the recipient check.
 * Everything secret here lives in memory only and is wiped when dropped.
 */
package org.kdcmail.gateway.prompt;
