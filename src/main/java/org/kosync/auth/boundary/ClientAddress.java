package org.kosync.auth.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.kosync.auth.control.ProxySettings;

/** The address this request came from, through trusted proxies ({@code X-Forwarded-For}) if any. */
@RequestScoped
public class ClientAddress {

  @Inject
  HttpServletRequest request;

  @Inject
  ProxySettings proxies;

  public String get() {
    return proxies.trusted().client(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
  }
}
