package org.kdcmail.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Reduces an RFC 5322 address-list field value to its bare addr-specs, for the outer headers: no
 * display names (plain, quoted or RFC 2047-encoded), no comments, no group names, no obsolete
 * routes. Anything that does not parse as {@code local-part "@" domain} is dropped rather than
 * copied, so a display name can never leak through an unparsable field.
 */
final class AddressList {

  private AddressList() {}

  /** The bare addresses in {@code value} (header value, line breaks already removed), in order. */
  static List<String> bareAddresses(String value) {
    List<String> out = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    List<Token> angle = null;
    boolean sawAngle = false;
    int i = 0;
    int n = value.length();
    while (i < n) {
      char c = value.charAt(i);
      if (c == '(') {
        i = skipComment(value, i);
      } else if (c == '"') {
        int end = endOfQuoted(value, i);
        (angle != null ? angle : current).add(new Token(Kind.WORD, value.substring(i, end)));
        i = end;
      } else if (c == '[') {
        int end = value.indexOf(']', i);
        end = end < 0 ? n : end + 1;
        (angle != null ? angle : current).add(new Token(Kind.WORD, value.substring(i, end)));
        i = end;
      } else if (c == '<' && angle == null) {
        angle = new ArrayList<>();
        sawAngle = true;
        i++;
      } else if (c == '>' && angle != null) {
        current = angle;
        angle = null;
        i++;
      } else if (angle == null && (c == ',' || c == ';')) {
        add(out, current, sawAngle);
        current = new ArrayList<>();
        sawAngle = false;
        i++;
      } else if (angle == null && c == ':') {
        current = new ArrayList<>(); // a group name: a display name, dropped
        sawAngle = false;
        i++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        (angle != null ? angle : current).add(new Token(Kind.SPACE, " "));
        i++;
      } else if (c == '.' || c == '@' || c == ',' || c == ':' || c == '<' || c == '>') {
        (angle != null ? angle : current).add(new Token(Kind.SPECIAL, String.valueOf(c)));
        i++;
      } else {
        int start = i;
        while (i < n && isAtext(value.charAt(i))) {
          i++;
        }
        if (i == start) {
          (angle != null ? angle : current).add(new Token(Kind.BAD, String.valueOf(c)));
          i++;
        } else {
          (angle != null ? angle : current).add(new Token(Kind.WORD, value.substring(start, i)));
        }
      }
    }
    if (angle == null) {
      add(out, current, sawAngle);
    }
    return out;
  }

  private static void add(List<String> out, List<Token> tokens, boolean fromAngle) {
    List<Token> t = new ArrayList<>();
    for (Token tok : tokens) {
      if (tok.kind != Kind.SPACE || !fromAngle) {
        t.add(tok);
      }
    }
    if (fromAngle) {
      // obs-route: "@a,@b:" before the addr-spec
      int colon = -1;
      for (int k = 0; k < t.size(); k++) {
        if (t.get(k).kind == Kind.SPECIAL && t.get(k).text.equals(":")) {
          colon = k;
        }
      }
      if (colon >= 0 && !t.isEmpty() && t.get(0).text.equals("@")) {
        t = t.subList(colon + 1, t.size());
      }
    }
    String addr = addrSpec(t);
    if (addr != null) {
      out.add(addr);
    }
  }

  /**
   * {@code word *("." word) "@" atom *("." atom)} or a domain literal, whitespace allowed only
   * around "." and "@" (obsolete syntax); null otherwise.
   */
  private static String addrSpec(List<Token> raw) {
    List<Token> t = new ArrayList<>();
    for (int k = 0; k < raw.size(); k++) {
      Token tok = raw.get(k);
      if (tok.kind == Kind.SPACE) {
        boolean prevWord = !t.isEmpty() && t.get(t.size() - 1).kind == Kind.WORD;
        Token next = nextNonSpace(raw, k);
        if (prevWord && next != null && next.kind == Kind.WORD) {
          return null; // two words in a row: a phrase, not an address
        }
        continue;
      }
      if (tok.kind == Kind.BAD) {
        return null;
      }
      t.add(tok);
    }
    int at = -1;
    for (int k = 0; k < t.size(); k++) {
      if (t.get(k).text.equals("@") && t.get(k).kind == Kind.SPECIAL) {
        if (at >= 0) {
          return null;
        }
        at = k;
      }
    }
    if (at < 1
        || at == t.size() - 1
        || !dotted(t.subList(0, at))
        || !dotted(t.subList(at + 1, t.size()))) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (Token tok : t) {
      b.append(tok.text);
    }
    String s = b.toString();
    return s.length() > Addresses.MAX_ADDRESS_BYTES ? null : s;
  }

  private static Token nextNonSpace(List<Token> raw, int k) {
    for (int j = k + 1; j < raw.size(); j++) {
      if (raw.get(j).kind != Kind.SPACE) {
        return raw.get(j);
      }
    }
    return null;
  }

  /** word *("." word). */
  private static boolean dotted(List<Token> t) {
    if (t.size() % 2 == 0) {
      return false;
    }
    for (int k = 0; k < t.size(); k++) {
      boolean word = t.get(k).kind == Kind.WORD;
      boolean dot = t.get(k).kind == Kind.SPECIAL && t.get(k).text.equals(".");
      if (k % 2 == 0 ? !word : !dot) {
        return false;
      }
    }
    return true;
  }

  /** RFC 5322 atext, plus any non-ASCII character (RFC 6532 UTF-8 addresses). */
  private static boolean isAtext(char c) {
    if (c >= 0x80) {
      return true;
    }
    if (Character.isLetterOrDigit(c)) {
      return true;
    }
    return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
  }

  private static int skipComment(String s, int i) {
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return s.length();
  }

  private static int endOfQuoted(String s, int i) {
    i++;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') {
        return i + 1;
      }
      i++;
    }
    return s.length();
  }

  private enum Kind {
    WORD,
    SPECIAL,
    SPACE,
    BAD
  }

  private record Token(Kind kind, String text) {}
}
