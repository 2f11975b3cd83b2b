/**
 * The encrypted mail format: wrapping and unwrapping a whole RFC 5322 message under KDC-issued
 * keys.
 */
package org.kdcmail.mime;
