/**
 * The SMTP and POP3 proxies that encrypt outgoing and decrypt incoming mail between ordinary
 * clients and the office mail server.
 */
package org.kdcmail.gateway;
