package org.kdcmail.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the keys of one section of the configuration file, converting each value and turning any
 * problem into a {@link GatewayConfigException} that names the dotted key and its line. {@link
 * #finish()} refuses the keys nobody asked for.
 */
final class ConfigSection {

  /** Converts a value's text; throws {@link IllegalArgumentException} with what is expected. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(String text);
  }

  private final Path file;
  private final String prefix;
  private final ConfigNode.Mapping mapping;
  private final Set<String> asked = new LinkedHashSet<>();

  ConfigSection(Path file, String prefix, ConfigNode.Mapping mapping) {
    this.file = file;
    this.prefix = prefix;
    this.mapping = mapping;
  }

  /** The file being read. */
  Path file() {
    return file;
  }

  /** The line this section starts on. */
  int line() {
    return mapping.line();
  }

  /** The dotted name of this section ({@code ""} for the top level). */
  String name() {
    return prefix;
  }

  /** The nested section under {@code key}, if present. */
  Optional<ConfigSection> section(String key) throws GatewayConfigException {
    Optional<ConfigNode.Keyed> keyed = entry(key);
    if (keyed.isEmpty()) {
      return Optional.empty();
    }
    if (!(keyed.get().value() instanceof ConfigNode.Mapping m)) {
      throw error(key, keyed.get(), "must be a section of keys, not " + keyed.get().value().kind());
    }
    return Optional.of(new ConfigSection(file, path(key), m));
  }

  /** The nested section under {@code key}; missing → an error saying it is required. */
  ConfigSection requiredSection(String key) throws GatewayConfigException {
    return section(key).orElseThrow(() -> missing(key));
  }

  /** The value under {@code key}, converted by {@code parser}, if present. */
  <T> Optional<T> value(String key, Parser<T> parser) throws GatewayConfigException {
    Optional<ConfigNode.Keyed> keyed = entry(key);
    if (keyed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(convert(key, keyed.get(), keyed.get().value(), parser));
  }

  /** The value under {@code key}; missing → an error saying it is required. */
  <T> T required(String key, Parser<T> parser) throws GatewayConfigException {
    return value(key, parser).orElseThrow(() -> missing(key));
  }

  /** The list under {@code key} (a single value counts as a list of one), if present. */
  <T> Optional<List<T>> list(String key, Parser<T> parser) throws GatewayConfigException {
    Optional<ConfigNode.Keyed> keyed = entry(key);
    if (keyed.isEmpty()) {
      return Optional.empty();
    }
    ConfigNode node = keyed.get().value();
    List<ConfigNode> items = node instanceof ConfigNode.Sequence s ? s.items() : List.of(node);
    List<T> out = new ArrayList<>();
    for (ConfigNode item : items) {
      out.add(convert(key, keyed.get(), item, parser));
    }
    if (out.isEmpty()) {
      throw error(key, keyed.get(), "the list is empty");
    }
    return Optional.of(out);
  }

  /** The list under {@code key}; missing → an error saying it is required. */
  <T> List<T> requiredList(String key, Parser<T> parser) throws GatewayConfigException {
    return list(key, parser).orElseThrow(() -> missing(key));
  }

  /**
   * Refuses any key of this section that was not asked for (a misspelling, or a key from another
   * version), naming the keys this section knows.
   */
  void finish() throws GatewayConfigException {
    for (Map.Entry<String, ConfigNode.Keyed> e : mapping.entries().entrySet()) {
      if (!asked.contains(e.getKey())) {
        throw new GatewayConfigException(
            file,
            e.getValue().keyLine(),
            path(e.getKey()),
            "unknown key; "
                + (prefix.isEmpty() ? "the top level" : "section " + prefix)
                + " has "
                + String.join(", ", asked));
      }
    }
  }

  /** An error about this section as a whole (e.g. two keys that do not go together). */
  GatewayConfigException error(String problem) {
    return new GatewayConfigException(file, mapping.line(), prefix, problem);
  }

  private Optional<ConfigNode.Keyed> entry(String key) {
    asked.add(key);
    ConfigNode.Keyed keyed = mapping.entries().get(key);
    if (keyed == null || (keyed.value() instanceof ConfigNode.Scalar s && s.isNull())) {
      return Optional.empty();
    }
    return Optional.of(keyed);
  }

  private <T> T convert(String key, ConfigNode.Keyed keyed, ConfigNode node, Parser<T> parser)
      throws GatewayConfigException {
    if (!(node instanceof ConfigNode.Scalar scalar)) {
      throw error(key, keyed, "must be a single value, not " + node.kind());
    }
    try {
      return parser.parse(scalar.text().trim());
    } catch (IllegalArgumentException e) {
      throw new GatewayConfigException(
          file, scalar.line(), path(key), "'" + scalar.text() + "' " + e.getMessage());
    }
  }

  private GatewayConfigException error(String key, ConfigNode.Keyed keyed, String problem) {
    return new GatewayConfigException(file, keyed.keyLine(), path(key), problem);
  }

  private GatewayConfigException missing(String key) {
    return new GatewayConfigException(
        file,
        mapping.line(),
        path(key),
        "is required" + (prefix.isEmpty() ? "" : " in section " + prefix));
  }

  private String path(String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }
}
