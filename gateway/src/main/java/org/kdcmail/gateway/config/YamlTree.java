package org.kdcmail.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into {@link ConfigNode}s that remember their lines. Duplicate keys, a
 * second document and syntax errors are refused with the line.
 */
final class YamlTree {
  private static final YAMLFactory YAML = new YAMLFactory();

  private final Path file;
  private final JsonParser parser;

  private YamlTree(Path file, JsonParser parser) {
    this.file = file;
    this.parser = parser;
  }

  /** The top-level section of {@code file}. */
  static ConfigNode.Mapping read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = YAML.createParser(reader)) {
      YamlTree tree = new YamlTree(file, parser);
      if (parser.nextToken() == null) {
        throw new GatewayConfigException(file, 0, "", "the file is empty");
      }
      ConfigNode root = tree.node();
      if (!(root instanceof ConfigNode.Mapping mapping)) {
        throw new GatewayConfigException(
            file, root.line(), "", "the file must hold a section of keys, not " + root.kind());
      }
      if (parser.nextToken() != null) {
        throw new GatewayConfigException(
            file, tree.line(), "", "only one YAML document is read; remove the second one");
      }
      return mapping;
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such configuration file");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new GatewayConfigException(
          file, at == null ? 0 : at.getLineNr(), "not valid YAML: " + e.getOriginalMessage(), e);
    }
  }

  private ConfigNode node() throws IOException {
    int line = line();
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> mapping(line);
      case START_ARRAY -> sequence(line);
      case VALUE_NULL -> new ConfigNode.Scalar("", true, line);
      default -> new ConfigNode.Scalar(parser.getText(), false, line);
    };
  }

  private ConfigNode.Mapping mapping(int line) throws IOException {
    Map<String, ConfigNode.Keyed> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int keyLine = line();
      parser.nextToken();
      ConfigNode value = node();
      if (entries.putIfAbsent(key, new ConfigNode.Keyed(keyLine, value)) != null) {
        throw new GatewayConfigException(
            file,
            keyLine,
            key,
            "appears twice in one section (first on line " + entries.get(key).keyLine() + ")");
      }
    }
    return new ConfigNode.Mapping(entries, line);
  }

  private ConfigNode.Sequence sequence(int line) throws IOException {
    List<ConfigNode> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(node());
    }
    return new ConfigNode.Sequence(items, line);
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }
}
