/**
 * The gateway load driver ({@link org.kdcmail.bench.gateway.GatewayLoad}, run by {@code
 * bench/gateway-load.sh}): end-to-end SMTP submission and POP3 retrieval through the gateway
 * against the same traffic straight to the office server, in one run, with GreenMail as the office
 * server and a real KDC with Derby on disk. Not JMH: each cell is a fixed time of real client
 * sessions over loopback.
 */
package org.kdcmail.bench.gateway;
