package org.kdcmail.cli.desktop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.kdcmail.gateway.control.ControlClient;
import org.kdcmail.gateway.control.GatewayStatus;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.keys.UnlockedUser;
import org.kdcmail.plugin.desktop.LockHandler;
import org.kdcmail.plugin.desktop.StatusSource;
import org.kdcmail.plugin.desktop.UserStatus;

/**
 * The status window's source and "Lock now" through the gateway's control channel: {@code GET
 * /status} with the control token (read at each refresh: the gateway writes a new one at every
 * start) lists the unlocked users, shown together with this app's users, who appear as locked
 * otherwise; {@code POST /lock} with the user's own token.
 */
public final class GatewayStatusSource implements StatusSource, LockHandler {
  private final Path home;
  private final ControlClient client;
  private final List<String> users;

  public GatewayStatusSource(Path home, ControlClient client, List<String> users) {
    this.home = home;
    this.client = client;
    this.users = List.copyOf(users);
  }

  @Override
  public List<UserStatus> current() throws IOException {
    UnlockToken control =
        TokenFile.control(home)
            .read()
            .orElseThrow(() -> new IOException("no gateway is running for " + home));
    GatewayStatus status;
    try {
      status = client.status(control);
    } finally {
      control.destroy();
    }
    TreeSet<String> names = new TreeSet<>(users);
    status.users().forEach(u -> names.add(u.user()));
    List<UserStatus> out = new ArrayList<>();
    for (String name : names) {
      Optional<UnlockedUser> u =
          status.users().stream().filter(x -> x.user().equals(name)).findFirst();
      out.add(
          u.isEmpty()
              ? UserStatus.locked(name)
              : new UserStatus(name, true, status.timeLeft(u.get())));
    }
    return out;
  }

  @Override
  public void lockNow(String user) throws IOException {
    Optional<UnlockToken> token = TokenFile.forUser(home, user).read();
    if (token.isEmpty()) {
      token = TokenFile.control(home).read();
    }
    UnlockToken t =
        token.orElseThrow(() -> new IOException("no token to lock " + user + " with in " + home));
    try {
      client.lock(user, t);
    } finally {
      t.destroy();
    }
  }
}
