package org.kdcmail.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Parses an option's text with a value type's own parser, so that the parser's {@link
 * IllegalArgumentException} reaches the user as a usage error naming the option.
 */
final class OptionValue {

  private OptionValue() {}

  /**
   * The parsed value.
   *
   * @throws ParameterException naming {@code option} and the parser's reason
   */
  static <T> T parse(CommandSpec spec, String option, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage(), e);
    }
  }
}
