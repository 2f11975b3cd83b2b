/**
 * The gateway's YAML configuration file: reading it into {@link
 * org.kdcmail.gateway.GatewaySettings}, with every unknown key and bad value reported by name and
 * line.
 */
package org.kdcmail.gateway.config;
