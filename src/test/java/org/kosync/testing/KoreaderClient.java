package org.kosync.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

/** Speaks to the server as KOReader does: vendor Accept header, JSON bodies, x-auth-* headers. */
public final class KoreaderClient {

  public static final String KOREADER_ACCEPT = "application/vnd.koreader.v1+json";
  // HTTP/1.1 like KOReader's LuaSocket: the JDK would offer an h2c upgrade, which Payara accepts
  // and WildFly does not
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final URI base;

  public KoreaderClient(URI base) {
    this.base = base;
  }

  /** The server, e.g. {@code http://127.0.0.1:8080/}. */
  public URI base() {
    return base;
  }

  /** The same server over WebSocket: {@code ws://host:port} and {@code path}. */
  public String webSocket(String path) {
    return "ws://" + base.getHost() + ":" + base.getPort() + path;
  }

  public record Reply(int status, String contentType, String body) {
    public JsonObject json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }
  }

  /** A user of its own for each test: tests share the database but never each other's accounts. */
  public record User(String name, String key) {
    public static User fresh(String prefix) {
      return new User(
          prefix + "-" + UUID.randomUUID().toString().substring(0, 12),
          md5(UUID.randomUUID().toString()));
    }
  }

  public static String md5(String password) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Reply register(User user) {
    SentSecrets.add(user.key());
    return send(request("/users/create")
        .POST(body(Json.createObjectBuilder()
            .add("username", user.name())
            .add("password", user.key())
            .build()
            .toString())));
  }

  public User registered(String prefix) {
    var user = User.fresh(prefix);
    var reply = register(user);
    if (reply.status() != 201) {
      throw new IllegalStateException("Could not register " + user.name() + ": " + reply);
    }
    return user;
  }

  public Reply get(String path, User user) {
    return send(authenticated(request(path), user).GET());
  }

  public Reply put(String path, User user, String json) {
    return send(authenticated(request(path), user).PUT(body(json)));
  }

  public Reply delete(String path, User user) {
    return send(authenticated(request(path), user).DELETE());
  }

  public Reply pushProgress(
      User user, String document, String progress, double percentage, String device) {
    return put(
        "/syncs/progress",
        user,
        Json.createObjectBuilder()
            .add("document", document)
            .add("progress", progress)
            .add("percentage", percentage)
            .add("device", device)
            .add("device_id", "0123456789ABCDEF0123456789ABCDEF")
            .build()
            .toString());
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", KOREADER_ACCEPT)
        .header("Content-Type", "application/json");
  }

  public static HttpRequest.Builder authenticated(HttpRequest.Builder request, User user) {
    return request.header("x-auth-user", user.name()).header("x-auth-key", user.key());
  }

  public static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      var built = request.build();
      built
          .headers()
          .map()
          .forEach((name, values) -> values.forEach(v -> SentSecrets.header(name, v)));
      var response = HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      SentSecrets.answer(response.body());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a request byte for byte, as KOReader's LuaSocket does (raw UTF-8 in headers, bodies
   * that are not UTF-8), and reads one response.
   */
  public Reply raw(String method, String path, String headers, byte[] body) {
    return raw(null, method, path, headers, body);
  }

  /** From {@code localAddress} (e.g. 127.0.0.2), to be a client the server does not trust as a proxy. */
  public Reply raw(String localAddress, String method, String path, String headers, byte[] body) {
    try (var socket = new Socket()) {
      if (localAddress != null) {
        socket.bind(new java.net.InetSocketAddress(localAddress, 0));
      }
      socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout(30_000);
      var head = new ByteArrayOutputStream();
      head.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost()
              + "\r\nConnection: close\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      headers.lines().forEach(line -> {
        var colon = line.indexOf(':');
        if (colon > 0) {
          SentSecrets.header(
              line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
      });
      head.write(headers.getBytes(StandardCharsets.UTF_8));
      head.write(
          ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      head.write(body);
      socket.getOutputStream().write(head.toByteArray());
      socket.getOutputStream().flush();
      var response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      var status = Integer.parseInt(response.substring(9, 12));
      var split = response.indexOf("\r\n\r\n");
      var contentType = response
          .lines()
          .filter(l -> l.toLowerCase().startsWith("content-type:"))
          .map(l -> l.substring(13).trim())
          .findFirst()
          .orElse("");
      return new Reply(status, contentType, response.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code request} exactly as given (a request line curl cannot send: {@code GET *}, bytes
   * that are not UTF-8, a length that is never sent) and reads one response: its head, then as many
   * bytes as it declares, or what arrives until the server closes or stays silent for 3 s.
   */
  public Reply exchange(byte[] request) {
    try (var socket = new Socket()) {
      socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      var in = socket.getInputStream();
      var head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        var next = in.read();
        if (next < 0) {
          throw new IOException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
        }
        head.write(next);
      }
      var headers = head.toString(StandardCharsets.ISO_8859_1);
      var length = header(headers, "content-length");
      byte[] body;
      if (length != null) {
        body = in.readNBytes(Integer.parseInt(length));
      } else {
        socket.setSoTimeout(3_000);
        var rest = new ByteArrayOutputStream();
        try {
          in.transferTo(rest);
        } catch (java.net.SocketTimeoutException e) {
          // the server keeps the connection open: what came is the body
        }
        body = rest.toByteArray();
      }
      var contentType = header(headers, "content-type");
      return new Reply(
          Integer.parseInt(headers.substring(9, 12)),
          contentType == null ? "" : contentType,
          new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String header(String head, String name) {
    return head.lines()
        .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith(name + ":"))
        .map(line -> line.substring(name.length() + 1).strip())
        .findFirst()
        .orElse(null);
  }
}
