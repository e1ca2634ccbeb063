package org.kosync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * KOReader calls {@code /users/…} and {@code /syncs/…} relative to the server URL: the API lives at
 * the root. Bearer tokens are verified by MicroProfile JWT; routes stay open to the container and
 * authorise themselves ({@code @KoreaderAuth}), since KOReader's own headers are not a container login.
 */
@ApplicationScoped
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "kosync")
public class KosyncApplication extends Application {}
