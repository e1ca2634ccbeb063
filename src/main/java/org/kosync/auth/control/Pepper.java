package org.kosync.auth.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The server-side secret mixed into every password hash, kept outside the database:
 * {@code kosync.pepper} (Base64, at least 16 bytes) or, if unset, a random one generated on first
 * start into {@code <data dir>/pepper}. Losing it makes every stored password unusable.
 */
public final class Pepper {

  static final String FILE_NAME = "pepper";
  private static final System.Logger LOG = System.getLogger(Pepper.class.getName());

  private Pepper() {}

  public static byte[] load(Optional<String> configured, Path dataDirectory) {
    if (configured.isPresent()) {
      return decode(configured.get(), "kosync.pepper");
    }
    var file = dataDirectory.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        generate(file);
      }
      return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the pepper file " + file, e);
    }
  }

  private static void generate(Path file) throws IOException {
    var bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      return; // another node or deployment generated it first: use theirs
    }
    Files.writeString(
        file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
    // a lifecycle fact of every first start, not a fault: an operator acts on it once
    LOG.log(
        Level.INFO,
        "KOSYNC1203: Generated a new password pepper in {0}. Back it up with the database: without it no stored password can be "
            + "verified. Servers sharing one database need the same pepper (set KOSYNC_PEPPER).",
        file);
  }

  private static byte[] decode(String base64, String source) {
    try {
      var bytes = Base64.getDecoder().decode(base64.trim());
      if (bytes.length < 16) {
        throw new IllegalStateException("The pepper from " + source + " is shorter than 16 bytes");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The pepper from " + source + " is not Base64", e);
    }
  }
}
