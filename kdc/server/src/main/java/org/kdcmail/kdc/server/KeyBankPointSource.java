package org.kdcmail.kdc.server;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentPointSource;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.qrng.bank.BankKey;
import org.kdcmail.qrng.bank.KeyBank;

/**
 * Enrollment coordinates from the key bank: each is one 256-bit bank key read as an integer,
 * redrawn in the (2^-248) case that it is not below p, so coordinates are uniform in GF(p). Each
 * bank key is used once, so a point set is never reused.
 */
final class KeyBankPointSource implements EnrollmentPointSource {
  private final KeyBank bank;

  KeyBankPointSource(KeyBank bank) {
    this.bank = Objects.requireNonNull(bank, "bank");
  }

  @Override
  public FieldElement nextElement() {
    while (true) {
      BankKey key = bank.take();
      byte[] bytes = key.secret().copyBytes();
      key.secret().destroy();
      BigInteger value = new BigInteger(1, bytes);
      Arrays.fill(bytes, (byte) 0);
      if (value.compareTo(FieldElement.P) < 0) {
        return FieldElement.of(value);
      }
    }
  }
}
