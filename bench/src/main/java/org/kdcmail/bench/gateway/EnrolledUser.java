package org.kdcmail.bench.gateway;

/**
 * One benchmark user: a mailbox on the office server and an enrollment at the KDC, with throwaway
 * credentials derived from the local part (as in the sandbox).
 *
 * @param address the full mail address, also the login name on both servers
 */
record EnrolledUser(String address) {
  EnrolledUser {
    if (address.indexOf('@') <= 0) {
      throw new IllegalArgumentException("not a mail address: " + address);
    }
  }

  /** User number {@code i} of {@code domain}: {@code load07@domain}. */
  static EnrolledUser numbered(int i, String domain) {
    return new EnrolledUser(String.format("load%02d@%s", i, domain));
  }

  /** The login password on the office server and at the gateway: the local part. */
  String password() {
    return address.substring(0, address.indexOf('@'));
  }

  String mkId() {
    return password() + "-id";
  }

  String mkPassword() {
    return password() + "-mk-pass";
  }
}
