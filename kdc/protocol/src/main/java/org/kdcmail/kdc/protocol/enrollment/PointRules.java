package org.kdcmail.kdc.protocol.enrollment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;

/** The rule both sides apply to p2..p5: x ≠ 0, x ≠ x1, all x distinct (seed attack B4). */
final class PointRules {

  private PointRules() {}

  static boolean acceptable(FieldElement x1, List<FieldPoint> serverPoints) {
    Set<FieldElement> seen = new HashSet<>();
    seen.add(x1);
    for (FieldPoint p : serverPoints) {
      if (p.x().isZero() || !seen.add(p.x())) {
        return false;
      }
    }
    return true;
  }
}
