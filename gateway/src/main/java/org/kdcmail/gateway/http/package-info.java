/**
 * The gateway's HTTP endpoint (JDK {@code HttpServer}): health, Prometheus metrics, Thunderbird
 * autoconfig for anyone who can reach it, and the unlock channel ({@code /unlock}, {@code /lock},
 * {@code /status}) for loopback callers holding a token. Handlers return an {@link HttpReply}
 * value; one {@link Route} sends it, counts it and turns failures into a generic 500.
 */
package org.kdcmail.gateway.http;
