/**
 * The KDC wire format: length-prefixed frames with a version byte, a type byte and a bounded
 * payload, the error frame and its codes, and a reader that rejects bad input before allocating for
 * it. Byte layout: {@code docs/protocol.md}.
 */
package org.kdcmail.kdc.protocol.wire;
