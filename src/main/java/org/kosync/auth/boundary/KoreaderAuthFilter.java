package org.kosync.auth.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.kosync.auth.control.HeaderText;
import org.kosync.auth.control.LoginLimits;
import org.kosync.auth.control.TokenVerifier;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * KOReader authenticates every call with {@code x-auth-user} and {@code x-auth-key}; scripts and
 * pages may instead send {@code Authorization: Bearer <JWT>}, which MicroProfile JWT has let
 * through before this filter runs and {@link TokenVerifier} checks again under KOsync's rules. Any failure (missing header, unknown user, wrong key, a token the
 * server did not accept) is the same 401/2001: KOReader drops a push only on 401, so a permanent
 * failure must never look like anything else.
 */
@Provider
@KoreaderAuth
@Priority(Priorities.AUTHENTICATION)
public class KoreaderAuthFilter implements ContainerRequestFilter {

  static final String USER_HEADER = "x-auth-user";
  static final String KEY_HEADER = "x-auth-key";
  static final String BEARER = "Bearer ";

  @Inject
  Accounts accounts;

  @Inject
  TokenVerifier tokens;

  @Inject
  CurrentCaller currentCaller;

  @Inject
  ClientAddress client;

  @Context
  HttpServletRequest servletRequest;

  @Inject
  LoginLimits limits;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token) {
      try {
        currentCaller.set(tokens.bearer(token.getRawToken()));
      } catch (SyncException refused) {
        limits.failedLogin(client.of(servletRequest), Optional.empty());
        throw refused;
      }
      return;
    }
    var authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    var user = request.getHeaderString(USER_HEADER);
    var key = request.getHeaderString(KEY_HEADER);
    if (user == null || key == null || user.isEmpty() || key.isEmpty()) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    currentCaller.set(accounts.authenticate(
        HeaderText.decode(user), HeaderText.decode(key), () -> client.of(servletRequest)));
  }
}
