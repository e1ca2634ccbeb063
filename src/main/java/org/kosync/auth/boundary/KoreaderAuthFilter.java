package org.kosync.auth.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.util.Optional;
import org.kosync.auth.control.AuthMeters;
import org.kosync.auth.control.HeaderText;
import org.kosync.auth.control.LoginLimits;
import org.kosync.auth.control.ProxySettings;
import org.kosync.auth.control.SingleSignOn;
import org.kosync.auth.control.TokenVerifier;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * KOReader authenticates every call with {@code x-auth-user} and {@code x-auth-key} (an account's
 * password or a device key); scripts and pages may instead send {@code Authorization: Bearer
 * <JWT>}, KOsync's own or the identity provider's, which {@link TokenVerifier} checks. On {@link
 * SignOnRoute}s a trusted reverse proxy may name the user instead. Any failure (missing header,
 * unknown user, wrong key, a token not accepted) is the same 401/2001: KOReader drops a push only
 * on 401, so a permanent failure must never look like anything else.
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

  @Inject
  ProxySettings proxies;

  @Inject
  SingleSignOn people;

  @Context
  HttpServletRequest servletRequest;

  @Context
  ResourceInfo route;

  @Inject
  LoginLimits limits;

  @Override
  public void filter(ContainerRequestContext request) {
    var signOnRoute = marked(SignOnRoute.class);
    var caller =
        (signOnRoute ? proxyUser() : Optional.<Caller>empty()).orElseGet(() -> presented(request));
    if (caller.isDevice() && (signOnRoute || marked(PersonOnly.class))) {
      throw new SyncException(
          SyncError.UNAUTHORIZED,
          "A device key only syncs reading positions; sign in with your own password or "
              + "single sign-on for this.");
    }
    currentCaller.set(caller);
  }

  /** Only from a trusted proxy: from anyone else the header is a claim, and ignored. */
  private Optional<Caller> proxyUser() {
    return proxies
        .namedUser(servletRequest::getHeader, servletRequest.getRemoteAddr())
        .map(user -> {
          try {
            return people.person(HeaderText.decode(user));
          } catch (SyncException refused) {
            AuthMeters.failed("proxy");
            throw refused;
          }
        });
  }

  private Caller presented(ContainerRequestContext request) {
    var authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      try {
        return tokens.bearer(authorization.substring(BEARER.length()).strip());
      } catch (SyncException refused) {
        AuthMeters.failed("token");
        limits.failedLogin(client.of(servletRequest), Optional.empty());
        throw refused;
      }
    }
    var user = request.getHeaderString(USER_HEADER);
    var key = request.getHeaderString(KEY_HEADER);
    if (user == null || key == null || user.isEmpty() || key.isEmpty()) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    return accounts.authenticate(
        HeaderText.decode(user), HeaderText.decode(key), () -> client.of(servletRequest));
  }

  private boolean marked(Class<? extends Annotation> marker) {
    return route.getResourceMethod().isAnnotationPresent(marker)
        || route.getResourceClass().isAnnotationPresent(marker);
  }
}
