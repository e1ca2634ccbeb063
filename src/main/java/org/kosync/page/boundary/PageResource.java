package org.kosync.page.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.kosync.auth.control.ProviderSignIn;
import org.kosync.page.control.ContentSecurityPolicy;
import org.kosync.page.control.PageAssets;
import org.kosync.page.control.PageAssets.Asset;

/**
 * {@code GET /}: the reader's web page (KOReader never asks for it), and {@code GET
 * /page/<version>/<file>}: its scripts and style sheet. The page is revalidated on every load
 * (its ETag names the version); files under the current version never change and are cached for
 * a year. Any other path stays the API's JSON 404.
 */
@ApplicationScoped
@Path("/")
public class PageResource {

  private static final int YEAR = 365 * 24 * 3600;

  @Inject
  PageAssets assets;

  @Inject
  ProviderSignIn provider;

  @GET
  public Response index(@Context UriInfo uri, @Context Request request) {
    var index = assets.index(uri.getBaseUri().getRawPath());
    var revalidate = new CacheControl();
    revalidate.setNoCache(true);
    var csp = ContentSecurityPolicy.of(provider.origins());
    return answer(index, request, revalidate)
        .header("Content-Security-Policy", csp)
        // the OIDC code in the address after sign-in must not travel to anyone in a Referer
        .header("Referrer-Policy", "no-referrer")
        .header("Cross-Origin-Opener-Policy", "same-origin")
        .build();
  }

  @GET
  @Path("page/{version}/{file}")
  public Response asset(
      @PathParam("version") String version,
      @PathParam("file") String file,
      @Context Request request) {
    var asset = assets.asset(file).orElseThrow(NotFoundException::new);
    var cache = new CacheControl();
    if (assets.version().equals(version)) {
      cache.setMaxAge(YEAR);
    } else {
      // an older page asks during an upgrade: it gets today's file, never to be kept
      cache.setNoCache(true);
    }
    return answer(asset, request, cache).build();
  }

  private static Response.ResponseBuilder answer(Asset asset, Request request, CacheControl cache) {
    var tag = EntityTag.valueOf(asset.etag());
    var unchanged = request.evaluatePreconditions(tag);
    var answer = unchanged != null ? unchanged : Response.ok(asset.bytes(), asset.type());
    return answer
        .tag(tag)
        .cacheControl(cache)
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY");
  }
}
