package org.kosync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * KOReader calls {@code /users/…} and {@code /syncs/…} relative to the server URL: the API lives at
 * the root. Routes stay open to the container and authenticate themselves ({@code @KoreaderAuth}):
 * KOReader's headers are not a container login, and Bearer tokens come from more than one issuer
 * (KOsync and the organisation's identity provider), which MicroProfile JWT's one issuer and one
 * key location cannot express — the container would refuse the provider's tokens before
 * org.kosync.auth.control.TokenVerifier saw them.
 */
@ApplicationScoped
@ApplicationPath("/")
public class KosyncApplication extends Application {}
