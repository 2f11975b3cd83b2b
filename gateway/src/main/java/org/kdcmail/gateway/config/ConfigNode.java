package org.kdcmail.gateway.config;

import java.util.List;
import java.util.Map;

/** One node of a YAML document, with the line it starts on (1-based) for error messages. */
sealed interface ConfigNode {

  /** The line the node starts on. */
  int line();

  /** What the node is, for messages ("a value", "a list", "a section"). */
  String kind();

  /**
   * A single value, as written.
   *
   * @param text the value's text; empty for a null ({@code ~} or nothing)
   * @param isNull whether the value was null
   */
  record Scalar(String text, boolean isNull, int line) implements ConfigNode {
    @Override
    public String kind() {
      return "a value";
    }
  }

  /** A list of nodes. */
  record Sequence(List<ConfigNode> items, int line) implements ConfigNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /** Keys, in file order, each with the line the key is on and its value. */
  record Mapping(Map<String, Keyed> entries, int line) implements ConfigNode {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    @Override
    public String kind() {
      return "a section";
    }
  }

  /** A mapping entry: the key's line and its value. */
  record Keyed(int keyLine, ConfigNode value) {}
}
