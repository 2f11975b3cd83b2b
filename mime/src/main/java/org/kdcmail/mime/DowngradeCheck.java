package org.kdcmail.mime;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags a plaintext message that claims to come from an enrolled user: enrolled users' mail always
 * arrives as kdcmail, so such a message is either stripped or forged, and the gateway marks it "not
 * encrypted, sender not verified".
 */
public final class DowngradeCheck {

  private static final Pattern ANGLE = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>");
  private static final Pattern BARE = Pattern.compile("([^<>\\s\",;:]+@[^<>\\s\",;:]+)");

  private DowngradeCheck() {}

  /**
   * True if the top level of the message is not kdcmail and any address in its From field is in
   * {@code enrolledSenders} (compared case-insensitively).
   */
  public static boolean isUnexpectedPlaintext(HeaderBlock headers, Set<String> enrolledSenders) {
    if (headers.isKdcmail()) {
      return false;
    }
    Set<String> enrolled =
        enrolledSenders.stream()
            .map(s -> s.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toSet());
    for (HeaderBlock.Field from : headers.all("From")) {
      String value = from.value();
      Matcher m = ANGLE.matcher(value);
      boolean any = false;
      while (m.find()) {
        any = true;
        if (enrolled.contains(m.group(1).toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
      if (!any) {
        Matcher b = BARE.matcher(value);
        while (b.find()) {
          if (enrolled.contains(b.group(1).toLowerCase(Locale.ROOT))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
