package org.kdcmail.kdc.protocol.enrollment;

import java.security.GeneralSecurityException;
import org.kdcmail.kdc.protocol.field.FieldElement;

/**
 * The KDC's supply of fresh field elements for the points p2..p5 (drawn from the QRNG key bank).
 * The responder draws x then y for each point and redraws any x that is zero, equal to x1 or equal
 * to an earlier x.
 */
@FunctionalInterface
public interface EnrollmentPointSource {

  /**
   * A fresh, uniformly random element of GF(p), never handed out before.
   *
   * @throws GeneralSecurityException when the key source cannot supply one (e.g. failed health
   *     test); enrollment then aborts
   */
  FieldElement nextElement() throws GeneralSecurityException;
}
