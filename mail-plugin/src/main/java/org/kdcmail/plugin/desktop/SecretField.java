package org.kdcmail.plugin.desktop;

import javax.swing.JPasswordField;

/**
 * A password field whose text is only ever read as a {@code char[]}: {@link #take()} reads it and
 * empties the field's document. Never echoed.
 */
final class SecretField {

  private final JPasswordField field;

  SecretField(String name, int columns) {
    field = new JPasswordField(columns);
    field.setName(name);
    field.getAccessibleContext().setAccessibleName(name);
  }

  JPasswordField component() {
    return field;
  }

  boolean isEmpty() {
    return field.getDocument().getLength() == 0;
  }

  /** A copy of the text, leaving the field as it is; the caller clears the copy. */
  char[] peek() {
    return field.getPassword();
  }

  /** A copy of the text, and the field emptied; the caller clears the copy. */
  char[] take() {
    char[] text = field.getPassword();
    clear();
    return text;
  }

  void clear() {
    field.setText("");
  }
}
