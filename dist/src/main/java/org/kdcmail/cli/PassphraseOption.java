package org.kdcmail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --passphrase-file FILE}: where the KDC's admin passphrase comes from when it is not typed
 * at the terminal. Only the file's first line is read.
 */
final class PassphraseOption {

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = "Read the admin passphrase from the first line of FILE instead of asking.")
  Path file;

  /**
   * The passphrase: from the file when given, else asked at the terminal ({@code confirm}: twice).
   */
  char[] read(boolean confirm) throws IOException {
    if (file == null) {
      Answers terminal = Answers.terminal();
      return confirm
          ? terminal.confirmedSecret("admin passphrase")
          : terminal.secret("admin passphrase");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || lines.get(0).isEmpty()) {
      throw new IOException("the passphrase file " + file + " is empty");
    }
    return lines.get(0).toCharArray();
  }
}
