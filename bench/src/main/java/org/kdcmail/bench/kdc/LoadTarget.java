package org.kdcmail.bench.kdc;

/** A KDC under load: names itself and makes one client per driver thread. */
interface LoadTarget extends AutoCloseable {

  /** How the results name this KDC, e.g. {@code kdcmail} or {@code mit-krb5}. */
  String name();

  /**
   * A client that is the {@code index}-th of the cell and asks for {@code recipients} recipients
   * (or service tickets) per request.
   */
  LoadClient client(int index, int recipients) throws Exception;

  @Override
  void close() throws Exception;
}
