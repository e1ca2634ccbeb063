package org.kosync.operations.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kosync.rpc.control.WebSocketUris;

/**
 * The request line as the access log may show it: a WebSocket URI's token (and anything after
 * it) replaced by "…". Payara's access log cannot leave paths out as WildFly's does, but it can
 * print a request attribute ({@code %attribute.kosync.log.request%}, server-config/payara);
 * WildFly's log ignores it.
 */
// ERROR too: a request the container refused (a rejected Bearer token) reaches the application only
// as an error page
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR},
    asyncSupported = true)
public class LoggableRequestLine extends HttpFilter {

  public static final String ATTRIBUTE = "kosync.log.request";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getAttribute(ATTRIBUTE) == null) {
      var uri = request.getDispatcherType() == DispatcherType.ERROR
          ? String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
          : request.getRequestURI();
      request.setAttribute(
          ATTRIBUTE, of(request.getMethod(), uri, request.getQueryString(), request.getProtocol()));
    }
    chain.doFilter(request, response);
  }

  static String of(String method, String uri, String query, String protocol) {
    var token = uri.indexOf(WebSocketUris.PATH);
    String target;
    if (token >= 0) {
      target = uri.substring(0, token + WebSocketUris.PATH.length()) + "…";
    } else {
      target = query == null ? uri : uri + "?" + query;
    }
    return method + " " + target + " " + protocol;
  }
}
