package org.kdcmail.gateway.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The configuration file is wrong; the message names the file, the line and the key, and says what
 * is expected there.
 */
public final class GatewayConfigException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String key;

  GatewayConfigException(Path file, int line, String key, String problem) {
    super(
        file
            + (line > 0 ? " line " + line : "")
            + ": "
            + (key.isEmpty() ? "" : key + ": ")
            + problem);
    this.line = line;
    this.key = key;
  }

  GatewayConfigException(Path file, int line, String problem, Throwable cause) {
    super(file + (line > 0 ? " line " + line : "") + ": " + problem, cause);
    this.line = line;
    this.key = "";
  }

  /** The 1-based line of the offending key or value, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** The dotted key the error is about (e.g. {@code listen.smtp-port}), or empty. */
  public String key() {
    return key;
  }
}
