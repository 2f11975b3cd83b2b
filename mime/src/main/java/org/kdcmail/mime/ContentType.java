package org.kdcmail.mime;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A minimal, strict-enough Content-Type parser: type/subtype and simple parameters. */
record ContentType(String mediaType, Map<String, String> parameters) {

  static ContentType parse(String value) {
    int semi = value.indexOf(';');
    String type = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    Map<String, String> params = new HashMap<>();
    int i = semi < 0 ? value.length() : semi + 1;
    while (i < value.length()) {
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      int j = eq + 1;
      while (j < value.length() && (value.charAt(j) == ' ' || value.charAt(j) == '\t')) {
        j++;
      }
      StringBuilder v = new StringBuilder();
      if (j < value.length() && value.charAt(j) == '"') {
        j++;
        while (j < value.length() && value.charAt(j) != '"') {
          if (value.charAt(j) == '\\' && j + 1 < value.length()) {
            j++;
          }
          v.append(value.charAt(j++));
        }
        j++;
        while (j < value.length() && value.charAt(j) != ';') {
          j++;
        }
      } else {
        while (j < value.length() && value.charAt(j) != ';') {
          v.append(value.charAt(j++));
        }
      }
      params.putIfAbsent(name, v.toString().strip());
      i = j + 1;
    }
    return new ContentType(type, Map.copyOf(params));
  }

  boolean is(String type) {
    return mediaType.equals(type);
  }

  Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }
}
