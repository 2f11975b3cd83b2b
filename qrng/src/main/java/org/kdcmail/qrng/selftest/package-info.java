/**
 * The QRNG selftest behind {@code kdcmail qrng selftest}: SP 800-90B start-up and continuous health
 * tests on a source, then statistical tests on its raw samples and on the output of the DRBG it
 * seeds, gathered into one report.
 */
package org.kdcmail.qrng.selftest;
