package org.kosync.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that stops reading when told to, as a reader on a dead network would: a raw
 * socket with a tiny receive window, speaking just enough RFC 6455 to open, send text and later
 * drain what the server queued up to its close frame.
 */
public final class StalledSocket implements AutoCloseable {

  private final Socket socket = new Socket();
  private final DataInputStream in;
  private final OutputStream out;

  public StalledSocket(String uri) throws IOException {
    var target = URI.create(uri);
    socket.setReceiveBufferSize(4096); // before connect, so the window stays small
    socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    var nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    var key = Base64.getEncoder().encodeToString(nonce);
    out.write(("GET " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getAuthority()
            + "\r\nUpgrade: websocket\r\n" + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    var status = readLine();
    if (!status.contains(" 101 ")) {
      throw new IOException("No upgrade: " + status);
    }
    while (!readLine().isEmpty()) {
      // response headers
    }
  }

  private String readLine() throws IOException {
    var line = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new EOFException();
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** One masked text frame, as clients must send. */
  public void send(String text) throws IOException {
    var payload = text.getBytes(StandardCharsets.UTF_8);
    var mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    out.write(0x81);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else {
      out.write(0x80 | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xff);
    }
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i % 4];
    }
    out.write(payload);
    out.flush();
  }

  /** The next text frame (control frames are skipped), or null at the server's close frame. */
  public String next() throws IOException {
    while (true) {
      var frame = frame();
      if (frame.opcode() == 0x8) {
        closeCode = frame.payload().length >= 2
            ? ((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff)
            : 1005;
        return null;
      }
      if (frame.opcode() == 0x1) {
        return new String(frame.payload(), StandardCharsets.UTF_8);
      }
    }
  }

  private int closeCode = -1;

  /** Reads everything the server still sends and returns the code of its close frame. */
  public int drainToClose() throws IOException {
    while (next() != null) {
      // what was sent before the server gave up on this reader
    }
    return closeCode;
  }

  private record Frame(int opcode, byte[] payload) {}

  private Frame frame() throws IOException {
    int first = in.readUnsignedByte();
    long length = in.readUnsignedByte() & 0x7f; // servers never mask
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    var payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
