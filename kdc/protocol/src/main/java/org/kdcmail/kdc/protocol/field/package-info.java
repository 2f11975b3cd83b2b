/**
 * The prime field GF(p), p = 2^256 − 189, in which enrollment points live and the master key's
 * polynomial is interpolated (seed §3.2.2). Elements travel as 32 big-endian bytes; every decoded
 * value is checked to be below p.
 */
package org.kdcmail.kdc.protocol.field;
