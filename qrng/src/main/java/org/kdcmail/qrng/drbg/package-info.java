/**
 * The SP 800-90A Rev. 1 DRBG between the entropy source and the keys: Bouncy Castle's Hash_DRBG
 * over SHA-512 at 256-bit security strength, seeded, reseeded and given its nonce only by an {@link
 * org.kdcmail.qrng.EntropySource}. The package owns the reseed policy (interval, prediction
 * resistance), the personalization string that keeps cloned nodes apart, and the rule that a failed
 * source stops output once a reseed is due. It implements no primitive of its own.
 */
package org.kdcmail.qrng.drbg;
