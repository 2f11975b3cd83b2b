package org.kdcmail.plugin.desktop;

/** The sign-up form's inputs, each with its label and the component name tests look it up by. */
public enum SignUpField {
  USERNAME("Username (full address)", "username"),
  LOGIN_PASSWORD("Login password", "loginPassword"),
  MK_ID("MK_ID (master key ID)", "mkId"),
  MK_PASSWORD("MK_Pass (master key password)", "mkPass"),
  MK_PASSWORD_CONFIRMATION("MK_Pass again", "mkPassConfirm"),
  CODE("Enrollment code", "code"),
  FINGERPRINT_CONFIRMED("The fingerprint matches what my admin gave me", "fingerprintMatches");

  private final String label;
  private final String componentName;

  SignUpField(String label, String componentName) {
    this.label = label;
    this.componentName = componentName;
  }

  /** The text next to the input. */
  public String label() {
    return label;
  }

  /** The input component's name. */
  public String componentName() {
    return componentName;
  }

  /** The name of the label under the input that shows its validation message. */
  public String errorName() {
    return componentName + ".error";
  }
}
