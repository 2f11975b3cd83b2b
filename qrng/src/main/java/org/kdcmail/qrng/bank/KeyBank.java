package org.kdcmail.qrng.bank;

/**
 * A durable store of pre-generated 256-bit keys that hands each key out at most once, also across
 * concurrent callers, restarts and crashes (a key reserved but not yet handed out when the process
 * dies is discarded, never reissued). Keys are drawn from one {@link
 * org.kdcmail.qrng.RandomBitGenerator} and refilled in the background; the bank never falls back to
 * another source. Thread safe.
 *
 * <p>Open one with {@link #builder()}.
 */
public interface KeyBank extends AutoCloseable {

  /** A builder for {@link StoredKeyBank}, on embedded Derby or on PostgreSQL. */
  static KeyBankBuilder builder() {
    return new KeyBankBuilder();
  }

  /**
   * Hands out a key that has never been handed out before and never will be again. If the bank is
   * empty but its generator works, waits for the refill up to the configured take timeout.
   *
   * @throws KeyBankUnavailableException when the bank is empty and the generator has failed, or the
   *     refill did not deliver in time; keys stored before a generator failure are still handed out
   * @throws KeyBankIntegrityException when the next stored key fails authentication (it is
   *     discarded; the following call proceeds with the next key)
   * @throws KeyBankStorageException when the database cannot be read or written
   * @throws IllegalStateException after {@link #close()}
   */
  BankKey take();

  /** Keys that can be handed out without a refill: stored plus reserved in memory. */
  long availableKeys();

  /**
   * Stops the background threads, zeroizes key material held in memory and shuts the database down.
   * Keys reserved in memory but not handed out are discarded.
   */
  @Override
  void close();
}
