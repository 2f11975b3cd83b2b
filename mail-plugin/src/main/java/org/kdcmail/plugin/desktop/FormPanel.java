package org.kdcmail.plugin.desktop;

import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** The dialogs' layout: a two-column grid of labelled fields, full-width lines between. */
final class FormPanel {

  /** The colour of error text. */
  static final Color ERROR = new Color(0xB0, 0x00, 0x20);

  private final JPanel panel = new JPanel(new GridBagLayout());
  private int row;

  FormPanel() {
    panel.setBorder(BorderFactory.createEmptyBorder(12, 14, 10, 14));
  }

  JPanel component() {
    return panel;
  }

  /** A label in the first column and {@code field} in the second. */
  FormPanel field(String label, JComponent field) {
    JLabel text = new JLabel(label);
    text.setLabelFor(field);
    GridBagConstraints c = constraints(0);
    c.anchor = GridBagConstraints.LINE_END;
    panel.add(text, c);
    c = constraints(1);
    c.fill = GridBagConstraints.HORIZONTAL;
    c.weightx = 1;
    panel.add(field, c);
    row++;
    return this;
  }

  /** {@code component} across both columns. */
  FormPanel line(Component component) {
    GridBagConstraints c = constraints(0);
    c.gridwidth = 2;
    c.fill = GridBagConstraints.HORIZONTAL;
    c.weightx = 1;
    panel.add(component, c);
    row++;
    return this;
  }

  /** {@code component} in the second column only (under its field). */
  FormPanel under(Component component) {
    GridBagConstraints c = constraints(1);
    c.fill = GridBagConstraints.HORIZONTAL;
    panel.add(component, c);
    row++;
    return this;
  }

  /** A one-line error label, named {@code name}, blank until set. */
  static JLabel errorLabel(String name) {
    JLabel label = new JLabel(" ");
    label.setName(name);
    label.setForeground(ERROR);
    return label;
  }

  /** A small grey note, wrapped at about 360 pixels. */
  static JLabel note(String text) {
    JLabel label = new JLabel("<html><div style='width:360px'>" + text + "</div></html>");
    label.setFont(label.getFont().deriveFont(Font.PLAIN, label.getFont().getSize2D() - 1));
    label.setForeground(Color.DARK_GRAY);
    return label;
  }

  /** A bold heading. */
  static JLabel heading(String text) {
    JLabel label = new JLabel(text);
    label.setFont(label.getFont().deriveFont(Font.BOLD));
    return label;
  }

  private GridBagConstraints constraints(int column) {
    GridBagConstraints c = new GridBagConstraints();
    c.gridx = column;
    c.gridy = row;
    c.insets = new Insets(3, 4, 3, 4);
    c.anchor = GridBagConstraints.LINE_START;
    return c;
  }
}
