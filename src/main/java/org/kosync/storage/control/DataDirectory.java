package org.kosync.storage.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;

/**
 * The directory for everything KOsync keeps on local disk: the embedded H2 database and
 * generated secrets (the password pepper). {@code kosync.data.dir}, default {@code ~/.kosync}.
 */
public final class DataDirectory {

  public static final String KEY = "kosync.data.dir";

  private DataDirectory() {}

  public static Path of(Config config) {
    var dir = config
        .getOptionalValue(KEY, String.class)
        .map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".kosync"));
    try {
      return Files.createDirectories(dir.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + dir, e);
    }
  }
}
