package org.kdcmail.kdc.server.admin;

import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;

/** Runs an admin command that has already been authenticated. */
@FunctionalInterface
public interface AdminCommandHandler {

  /** The response to an authenticated request from a loopback peer. */
  AdminResponse handle(AdminRequest request) throws Exception;
}
