package org.kdcmail.plugin.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SignUpValidationTest {

  static final String CODE = "7KQ2-M9XD-A1B2-C3D4-E5F6-G7H8";

  private static SignUpInput input(
      String user, String login, String id, String pw, String again, String code, boolean fp) {
    return new SignUpInput(
        user,
        login.toCharArray(),
        id.toCharArray(),
        pw.toCharArray(),
        again.toCharArray(),
        code.toCharArray(),
        fp);
  }

  @Test
  void problems_completeInput_none() {
    assertThat(
            SignUpValidation.problems(
                input("alice@example.test", "login", "id", "pw", "pw", CODE, true)))
        .isEmpty();
  }

  @Test
  void problems_emptyForm_everyFieldExceptTheConfirmation() {
    Map<SignUpField, String> problems =
        SignUpValidation.problems(input("", "", "", "", "", "", false));

    assertThat(problems.keySet())
        .containsExactlyInAnyOrder(
            SignUpField.USERNAME,
            SignUpField.LOGIN_PASSWORD,
            SignUpField.MK_ID,
            SignUpField.MK_PASSWORD,
            SignUpField.CODE,
            SignUpField.FINGERPRINT_CONFIRMED);
  }

  @Test
  void problems_confirmationDiffers_saysTheyAreNotTheSame() {
    assertThat(
            SignUpValidation.problems(
                input("alice@example.test", "login", "id", "pw", "pW", CODE, true)))
        .containsOnlyKeys(SignUpField.MK_PASSWORD_CONFIRMATION)
        .containsValue("the two master key passwords are not the same");
  }

  @Test
  void problems_malformedCode_namesTheBadCharacter() {
    assertThat(
            SignUpValidation.problems(
                    input(
                        "alice@example.test",
                        "l",
                        "i",
                        "p",
                        "p",
                        "7KQ2-M9XD-A1B2-C3D4-E5F6-G7H!",
                        true))
                .get(SignUpField.CODE))
        .contains("invalid character '!'");
    assertThat(
            SignUpValidation.problems(input("alice@example.test", "l", "i", "p", "p", "ABCD", true))
                .get(SignUpField.CODE))
        .contains("24 characters");
  }

  @Test
  void problems_usernameNotAFullAddress_asksForOne() {
    for (String bad : new String[] {"alice", "@example.test", "alice@", "a@b@c", "al ice@x.test"}) {
      assertThat(SignUpValidation.problems(input(bad, "l", "i", "p", "p", CODE, true)))
          .as(bad)
          .containsOnlyKeys(SignUpField.USERNAME);
    }
  }

  @Test
  void problems_usernameThatCannotBeAFolder_isRefused() {
    assertThat(
            SignUpValidation.problems(input("../x@example.test", "l", "i", "p", "p", CODE, true)))
        .containsOnlyKeys(SignUpField.USERNAME);
  }
}
