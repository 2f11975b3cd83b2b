package org.kdcmail.cli.sandbox;

import java.util.List;

/**
 * One of the sandbox's demo users. Their secrets are public on purpose: they are printed at start
 * and written in the README, so that anyone can try the system.
 *
 * @param address the mail address, also the login name everywhere
 * @param loginPassword for the gateway, the office server and the local client store
 * @param mkId the master key ID
 * @param mkPassword the master key password
 */
public record SandboxUser(String address, String loginPassword, String mkId, String mkPassword) {

  /** The sandbox's mail domain. */
  public static final String DOMAIN = "example.test";

  /**
   * Alice and Bob: login password = local part, MK-ID {@code <name>-id}, MK password {@code
   * <name>-mk-pass}.
   */
  public static final List<SandboxUser> ALL = List.of(named("alice"), named("bob"));

  private static SandboxUser named(String name) {
    return new SandboxUser(name + "@" + DOMAIN, name, name + "-id", name + "-mk-pass");
  }

  @Override
  public String toString() {
    return address;
  }
}
