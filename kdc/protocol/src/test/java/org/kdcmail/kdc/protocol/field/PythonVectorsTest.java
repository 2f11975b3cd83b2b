package org.kdcmail.kdc.protocol.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Interpolation against docs/vectors/master-key-vectors.txt, computed independently in Python. */
class PythonVectorsTest {

  @Test
  void interpolate_pythonVectors_match() {
    List<VectorFile.Record> cases = VectorFile.load().ofKind("interpolate");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
    for (VectorFile.Record vector : cases) {
      assertThat(LagrangeInterpolation.ENROLLMENT.evaluateAt(vector.points(), vector.element("b")))
          .as(vector.text("name"))
          .isEqualTo(vector.element("fb"));
    }
  }
}
