/**
 * Key confirmation between a sender and one recipient (seed steps 3–4, ARCHITECTURE.md flow 6)
 * under their pairwise key K_AB, with direction labels against reflection (attack A5).
 */
package org.kdcmail.kdc.protocol.confirm;
