/**
 * JMH benchmarks of kdcmail's hot paths, each reported against a named baseline in the same run.
 */
package org.kdcmail.bench;
