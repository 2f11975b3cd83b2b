package org.kdcmail.plugin.desktop;

import java.util.List;
import javax.swing.table.AbstractTableModel;

/** The status window's table: user, state, time left; replaced whole on each refresh. */
final class StatusTableModel extends AbstractTableModel {
  private static final long serialVersionUID = 1L;
  private static final String[] COLUMNS = {"User", "State", "Time left"};

  private transient List<UserStatus> rows = List.of();

  void set(List<UserStatus> users) {
    rows = List.copyOf(users);
    fireTableDataChanged();
  }

  UserStatus row(int index) {
    return rows.get(index);
  }

  List<UserStatus> rows() {
    return rows;
  }

  @Override
  public int getRowCount() {
    return rows.size();
  }

  @Override
  public int getColumnCount() {
    return COLUMNS.length;
  }

  @Override
  public String getColumnName(int column) {
    return COLUMNS[column];
  }

  @Override
  public Object getValueAt(int row, int column) {
    UserStatus user = rows.get(row);
    return switch (column) {
      case 0 -> user.user();
      case 1 -> user.stateText();
      default -> user.timeLeftText();
    };
  }
}
