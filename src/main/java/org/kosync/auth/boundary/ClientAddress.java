package org.kosync.auth.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.kosync.auth.control.ProxySettings;

/**
 * The address a request came from, through trusted proxies ({@code X-Forwarded-For}) if any. Callers
 * pass the request JAX-RS gave them: CDI's own HttpServletRequest is missing on Payara in a
 * request whose body arrived before it was dispatched (org.kosync.sync.boundary.WholeBodyFilter).
 */
@ApplicationScoped
public class ClientAddress {

  @Inject
  ProxySettings proxies;

  public String of(HttpServletRequest request) {
    return proxies.trusted().client(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
  }
}
