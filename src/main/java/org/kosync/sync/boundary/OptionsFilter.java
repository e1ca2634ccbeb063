package org.kosync.sync.boundary;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS answers OPTIONS on a route itself, with a body that is not JSON: the allowed methods as
 * text on RESTEasy, a WADL document on Jersey. KOsync answers 204 with only the {@code Allow}
 * header, the same on both servers, so there is no body a client could take for an answer.
 */
@Provider
public class OptionsFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (HttpMethod.OPTIONS.equals(request.getMethod())
        && response.getStatus() == Response.Status.OK.getStatusCode()) {
      response.setEntity(null);
      response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
      response.setStatus(Response.Status.NO_CONTENT.getStatusCode());
    }
  }
}
