package org.kosync;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** KOReader calls {@code /users/…} and {@code /syncs/…} relative to the server URL: the API lives at the root. */
@ApplicationPath("/")
public class KosyncApplication extends Application {}
