package org.kosync.storage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

  static DatabaseSettings of(String url) {
    return new DatabaseSettings(
        url, Optional.empty(), Optional.empty(), false, DatabaseSettings.DEFAULT_TIMEOUT);
  }

  @Test
  void redactsEverythingThatMayCarryCredentials() {
    assertEquals(
        "jdbc:postgresql://db:5432/kosync",
        of("jdbc:postgresql://db:5432/kosync?user=u&password=secret").redactedUrl());
    assertEquals(
        "jdbc:h2:file:/data/kosync",
        of("jdbc:h2:file:/data/kosync;MODE=PostgreSQL;PASSWORD=x").redactedUrl());
  }

  @Test
  void namesTheFileOfTheEmbeddedDatabase() {
    var settings = new DatabaseSettings(
        DatabaseSettings.H2_FILE + "/var/lib/kosync/kosync" + DatabaseSettings.H2_OPTIONS,
        Optional.empty(),
        Optional.empty(),
        true,
        DatabaseSettings.DEFAULT_TIMEOUT);
    assertEquals(Optional.of(Path.of("/var/lib/kosync/kosync.mv.db")), settings.embeddedFile());
    assertEquals(Optional.empty(), of("jdbc:postgresql://db/kosync").embeddedFile());
  }

  @Test
  void knowsItsDatabase() {
    assertTrue(of("jdbc:postgresql://db/kosync").isPostgreSql());
    assertTrue(of("jdbc:h2:file:/x").isH2());
  }

  @Test
  void describesItselfWithoutCredentials() {
    assertEquals("postgresql", of("jdbc:postgresql://db/kosync?password=secret").describe());
    assertEquals(
        "embedded H2 at /data/kosync",
        of("jdbc:h2:file:/data/kosync;MODE=PostgreSQL;PASSWORD=x").describe());
    assertEquals("H2 tcp://db/kosync", of("jdbc:h2:tcp://db/kosync;PASSWORD=x").describe());
  }
}
