package org.kosync.rpc.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.kosync.auth.entity.CredentialsChanged;
import org.kosync.sessions.control.SessionRegistry;

/**
 * A new password or a deleted account ends every token issued before (their credential version no
 * longer matches), and so every WebSocket opened with one: they are closed with 1008 at once,
 * rather than at their token's expiry. A client that still holds valid credentials reconnects.
 */
@ApplicationScoped
public class StaleSessions {

  @Inject
  SessionRegistry registry;

  void close(@Observes CredentialsChanged change) {
    registry.closeAll(change.accountId(), "Credentials changed: sign in again");
  }
}
