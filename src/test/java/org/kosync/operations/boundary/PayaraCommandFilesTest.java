package org.kosync.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro and Payara Server get the same settings from server-config/payara/, under the names
 * each has: Micro reads pre-boot-commands.asadmin and system.properties, a Payara Server domain
 * domain-commands.asadmin, where Micro's protocol http-listener is http-listener-1.
 */
class PayaraCommandFilesTest {

  static final Path DIR = Path.of("server-config/payara");

  @Test
  void aDomainSetsWhatMicroSetsBeforeBoot() throws IOException {
    var micro = commands("pre-boot-commands.asadmin", "set ").stream()
        .map(c -> c.replace(".protocol.http-listener.", ".protocol.http-listener-1."))
        .toList();
    assertEquals(micro, commands("domain-commands.asadmin", "set "));
  }

  @Test
  void aDomainHasMicrosSystemProperties() throws IOException {
    try (Stream<String> lines = Files.lines(DIR.resolve("system.properties"))) {
      var micro = lines
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(l -> "create-jvm-options -D" + l)
          .toList();
      assertEquals(micro, commands("domain-commands.asadmin", "create-jvm-options "));
    }
  }

  private static List<String> commands(String file, String prefix) throws IOException {
    try (Stream<String> lines = Files.lines(DIR.resolve(file))) {
      return lines.map(String::strip).filter(l -> l.startsWith(prefix)).toList();
    }
  }
}
