/**
 * The client's local store: the four enrollment points p2..p5, the verifier and the KDC's address
 * and pinned identity, encrypted on disk under a key derived from the user's login password with
 * Argon2id (owner-only file, versioned byte-exact format), and the persisted {@link
 * org.kdcmail.plugin.store.UnlockThrottle} that slows repeated wrong unlocks. Formats: {@code
 * docs/storage.md}.
 */
package org.kdcmail.plugin.store;
