/**
 * The client side: enrollment, the encrypted local store of the four points, the master-key prompt
 * and the unlock agent.
 */
package org.kdcmail.plugin;
