package org.kdcmail.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a command gets the secrets it asks for: typed at the terminal without echo, or — with
 * {@code --stdin}, for scripts — read one per line from standard input, in the order the command
 * documents. Secrets are returned as {@code char[]} for the caller to clear.
 */
abstract class Answers {

  /** Asks for one secret; {@code label} is the prompt shown at a terminal. */
  abstract char[] secret(String label) throws IOException;

  /** Asks for a secret twice and insists that both entries match. */
  char[] confirmedSecret(String label) throws IOException {
    char[] first = secret(label);
    char[] second = secret(label + " (again)");
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new IOException("the two entries of " + label + " differ");
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  /** Answers typed at the terminal, without echo; fails when there is no terminal. */
  static Answers terminal() {
    return new Answers() {
      @Override
      char[] secret(String label) throws IOException {
        Console console = System.console();
        if (console == null) {
          throw new IOException(
              "no terminal to ask for the "
                  + label
                  + "; use --stdin to give answers on standard input");
        }
        char[] answer = console.readPassword("%s: ", label);
        if (answer == null) {
          throw new IOException("no answer for the " + label);
        }
        return answer;
      }
    };
  }

  /** Answers read one per line from {@code in}; prompts are not shown. */
  static Answers lines(InputStream in) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return new Answers() {
      @Override
      char[] secret(String label) throws IOException {
        String line = reader.readLine();
        if (line == null) {
          throw new IOException("standard input ended before the " + label);
        }
        return line.toCharArray();
      }
    };
  }

  /** Answers from standard input when {@code stdin} is set, else the terminal. */
  static Answers of(boolean stdin) {
    return stdin ? lines(System.in) : terminal();
  }
}
