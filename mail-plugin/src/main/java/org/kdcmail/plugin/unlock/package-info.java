/**
 * Unlock: re-derives the master key from the local store (opened with the login password) and the
 * user's MK-ID and MK password, checks it against the stored verifier in constant time, and slows
 * down repeated wrong attempts through {@link org.kdcmail.plugin.store.UnlockThrottle}.
 */
package org.kdcmail.plugin.unlock;
