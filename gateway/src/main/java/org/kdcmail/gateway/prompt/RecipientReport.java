package org.kdcmail.gateway.prompt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.gateway.UnenrolledPolicy;

/**
 * What the gateway would do with each recipient of a message from one sender.
 *
 * @param policy the policy for recipients who are not enrolled
 * @param recipients one line per recipient, in the order asked
 * @param note why enrollment is unknown, when it is
 */
public record RecipientReport(
    UnenrolledPolicy policy, List<Line> recipients, Optional<String> note) {
  public RecipientReport {
    Objects.requireNonNull(policy, "policy");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(note, "note");
  }

  /**
   * One recipient.
   *
   * @param address the address as asked
   * @param enrolled true or false, empty when the gateway cannot know
   * @param action {@code encrypt}, the policy's word ({@code reject}, {@code plaintext}, {@code
   *     hold}) or {@code unknown}
   */
  public record Line(String address, Optional<Boolean> enrolled, String action) {
    public Line {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(enrolled, "enrolled");
      Objects.requireNonNull(action, "action");
    }
  }
}
