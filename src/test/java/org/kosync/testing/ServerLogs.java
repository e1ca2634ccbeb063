package org.kosync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The server's logs, wherever failsafe says they are ({@code it.server.log}, {@code it.access.log}):
 * every file whose name starts with that file's name, since servers add dates or generations
 * (WildFly {@code access_log.log}, Payara {@code server_access_log.2026-01-31.txt}, {@code server.log.0}).
 */
public final class ServerLogs {

  private ServerLogs() {}

  public static String accessLog() {
    return read(Path.of(System.getProperty("it.access.log")));
  }

  public static String serverLog() {
    return read(Path.of(System.getProperty("it.server.log")));
  }

  private static String read(Path log) {
    var name = log.getFileName().toString();
    if (!Files.isDirectory(log.getParent())) {
      return "";
    }
    try (Stream<Path> files = Files.list(log.getParent())) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(name) && Files.isRegularFile(f))
          .sorted()
          .map(ServerLogs::readFile)
          .collect(Collectors.joining());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
