package org.kdcmail.plugin.desktop;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.plugin.ClientPaths;

/**
 * The sign-up form's checks before anything is sent: every field filled, the username a full
 * address usable as a folder name, the MK password typed twice alike, the enrollment code well
 * formed, and the fingerprint confirmed. Messages are short, for under each field.
 */
public final class SignUpValidation {

  private SignUpValidation() {}

  /** The message for each field that is wrong; empty when the input may be submitted. */
  public static Map<SignUpField, String> problems(SignUpInput input) {
    Map<SignUpField, String> problems = new EnumMap<>(SignUpField.class);
    usernameProblem(input.username().strip()).ifPresent(p -> problems.put(SignUpField.USERNAME, p));
    requireFilled(problems, SignUpField.LOGIN_PASSWORD, input.loginPassword(), "login password");
    requireFilled(problems, SignUpField.MK_ID, input.mkId(), "master key ID");
    requireFilled(problems, SignUpField.MK_PASSWORD, input.mkPassword(), "master key password");
    if (!problems.containsKey(SignUpField.MK_PASSWORD)
        && !Arrays.equals(input.mkPassword(), input.mkPasswordConfirmation())) {
      problems.put(
          SignUpField.MK_PASSWORD_CONFIRMATION, "the two master key passwords are not the same");
    }
    codeProblem(input.code()).ifPresent(p -> problems.put(SignUpField.CODE, p));
    if (!input.fingerprintConfirmed()) {
      problems.put(
          SignUpField.FINGERPRINT_CONFIRMED,
          "compare the fingerprint with the one your admin gave you, then tick this box");
    }
    return Collections.unmodifiableMap(problems);
  }

  /** The enrollment code parsed from {@code typed}. */
  public static EnrollmentCode parseCode(char[] typed) {
    return EnrollmentCode.parse(new String(typed));
  }

  private static Optional<String> usernameProblem(String username) {
    if (username.isEmpty()) {
      return Optional.of("enter your username, your full mail address");
    }
    int at = username.indexOf('@');
    if (at <= 0 || at != username.lastIndexOf('@') || at == username.length() - 1) {
      return Optional.of("the username is your full address, like alice@example.org");
    }
    if (username.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("the username must not contain spaces");
    }
    try {
      ClientPaths.folderName(username);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<String> codeProblem(char[] code) {
    if (code.length == 0) {
      return Optional.of("enter the enrollment code your admin gave you");
    }
    try {
      parseCode(code).destroy();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static void requireFilled(
      Map<SignUpField, String> problems, SignUpField field, char[] value, String what) {
    if (value.length == 0) {
      problems.put(field, "enter your " + what);
    }
  }
}
