/**
 * {@code kdcmail sandbox}: the whole system on loopback — an embedded office mail server for {@code
 * example.test}, a KDC, two enrolled users and the gateway — for trying kdcmail with any mail
 * client, with no set-up.
 */
package org.kdcmail.cli.sandbox;
