package org.kosync.auth.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.kosync.auth.control.HeaderText;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * KOReader authenticates every call with {@code x-auth-user} and {@code x-auth-key}. Any failure
 * (missing header, unknown user, wrong key) is the same 401/2001: KOReader drops a push only on
 * 401, so a permanent failure must never look like anything else.
 */
@Provider
@KoreaderAuth
@Priority(Priorities.AUTHENTICATION)
public class KoreaderAuthFilter implements ContainerRequestFilter {

  static final String USER_HEADER = "x-auth-user";
  static final String KEY_HEADER = "x-auth-key";

  @Inject
  Accounts accounts;

  @Inject
  CurrentCaller currentCaller;

  @Override
  public void filter(ContainerRequestContext request) {
    var user = request.getHeaderString(USER_HEADER);
    var key = request.getHeaderString(KEY_HEADER);
    if (user == null || key == null || user.isEmpty() || key.isEmpty()) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    currentCaller.set(accounts.authenticate(HeaderText.decode(user), HeaderText.decode(key)));
  }
}
