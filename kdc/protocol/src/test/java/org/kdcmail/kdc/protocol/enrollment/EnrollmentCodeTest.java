package org.kdcmail.kdc.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnrollmentCodeTest {

  @Test
  void format_isSixGroupsOfFourCrockfordSymbols_andParsesBack() {
    EnrollmentCode code = EnrollmentCode.generate(new TestRandom("code"));
    String text = code.format();
    assertThat(text).matches("([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}");
    assertThat(EnrollmentCode.parse(text).equalsConstantTime(code)).isTrue();
    assertThat(EnrollmentCode.parse(text.toLowerCase().replace("-", " ")).equalsConstantTime(code))
        .isTrue();
    assertThat(EnrollmentCode.parse(text.replace("-", "")).equalsConstantTime(code)).isTrue();
  }

  @Test
  void parse_confusableLetters_readAsDigits() {
    assertThat(
            EnrollmentCode.parse("OIL0-0000-0000-0000-0000-0000")
                .equalsConstantTime(EnrollmentCode.parse("0110-0000-0000-0000-0000-0000")))
        .isTrue();
  }

  @Test
  void parse_invalidCharacter_namesItAndItsPosition() {
    assertThatThrownBy(() -> EnrollmentCode.parse("ABCU-0000-0000-0000-0000-0000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'U'")
        .hasMessageContaining("position 4");
    assertThatThrownBy(() -> EnrollmentCode.parse("ABC!-0000-0000-0000-0000-0000"))
        .hasMessageContaining("'!'");
  }

  @Test
  void parse_wrongLength_rejected() {
    assertThatThrownBy(() -> EnrollmentCode.parse("0000-0000-0000-0000-0000-000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24 characters");
    assertThatThrownBy(() -> EnrollmentCode.parse("0000-0000-0000-0000-0000-0000-0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void code_hasAtLeast100Bits_andRedactedToString() {
    assertThat(EnrollmentCode.LENGTH_BYTES * 8).isGreaterThanOrEqualTo(100);
    EnrollmentCode code = EnrollmentCode.generate(new TestRandom("code"));
    assertThat(code.toString()).doesNotContain(code.format().substring(0, 4));
    code.destroy();
    assertThatThrownBy(code::format).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void differentCodes_notEqual() {
    assertThat(
            EnrollmentCode.generate(new TestRandom("a"))
                .equalsConstantTime(EnrollmentCode.generate(new TestRandom("b"))))
        .isFalse();
  }
}
