package org.kdcmail.bench.gateway;

/** One timed unit of client work on a worker's own connection (a submission, a POP3 session). */
@FunctionalInterface
interface Operation {
  void run() throws Exception;
}
