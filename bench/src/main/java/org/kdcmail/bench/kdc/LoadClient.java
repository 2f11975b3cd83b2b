package org.kdcmail.bench.kdc;

/**
 * One simulated client of a load cell: {@link #request()} performs one complete request (build,
 * send, wait for and check the answer) and throws when the KDC did not deliver. Used by one thread
 * only.
 */
interface LoadClient extends AutoCloseable {

  /** One request, start to verified answer. */
  void request() throws Exception;

  @Override
  void close() throws Exception;
}
