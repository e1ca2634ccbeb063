package org.kosync.sync.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.sync.control.AcceptPolicy;

/**
 * KOReader asks for {@code application/vnd.koreader.v1+json}; curl and browsers send {@code *}/{@code *}
 * or nothing. Lenient (default) serves all of them and refuses only a vendor version other than
 * v1; strict ({@code kosync.accept.strict=true}) answers like the official server (412, 100–102).
 * Afterwards the request accepts anything: each route answers in its one media type (JSON, or the
 * token text of {@code /api/auth.jwt}), and a vendor type must not make JAX-RS answer 406.
 */
@Provider
@PreMatching
public class AcceptPolicyFilter implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "kosync.accept.strict", defaultValue = "false")
  boolean strict;

  @Override
  public void filter(ContainerRequestContext request) {
    var path = request.getUriInfo().getPath();
    if (!isHealthProbe(path) && !isWebPage(path)) {
      AcceptPolicy.check(request.getHeaderString(HttpHeaders.ACCEPT), strict);
    }
    request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.WILDCARD);
  }

  // / and /page/… are the reader's web page (org.kosync.page), asked for by browsers
  static boolean isWebPage(String path) {
    var relative = path.startsWith("/") ? path.substring(1) : path;
    return relative.isEmpty() || relative.startsWith("page/");
  }

  // /health… (org.kosync.operations) is asked by load balancers and orchestrators, not KOReader,
  // and some of them cannot choose their headers
  static boolean isHealthProbe(String path) {
    var relative = path.startsWith("/") ? path.substring(1) : path;
    return relative.equals("health") || relative.startsWith("health/");
  }
}
