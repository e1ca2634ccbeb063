package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PepperTest {

  @TempDir
  Path dataDirectory;

  @Test
  void generatesOnceOwnerReadableOnlyAndReusesIt() throws Exception {
    var first = Pepper.load(Optional.empty(), dataDirectory);
    var file = dataDirectory.resolve(Pepper.FILE_NAME);
    assertTrue(Files.exists(file));
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(file));
    assertEquals(32, first.length);
    assertArrayEquals(first, Pepper.load(Optional.empty(), dataDirectory));
  }

  @Test
  void configurationWinsOverTheFile() {
    var configured = new byte[24];
    configured[0] = 7;
    var loaded =
        Pepper.load(Optional.of(Base64.getEncoder().encodeToString(configured)), dataDirectory);
    assertArrayEquals(configured, loaded);
    assertTrue(Files.notExists(dataDirectory.resolve(Pepper.FILE_NAME)));
  }

  @Test
  void refusesShortOrGarbledPeppers() {
    assertThrows(
        IllegalStateException.class, () -> Pepper.load(Optional.of("c2hvcnQ="), dataDirectory));
    assertThrows(
        IllegalStateException.class,
        () -> Pepper.load(Optional.of("not base64 at all!"), dataDirectory));
  }
}
