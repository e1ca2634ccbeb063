package org.kosync.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket spoken byte by byte, with just enough RFC 6455 for what a well-behaved library never
 * does: stop reading (a tiny receive window, as a reader on a dead network), send binary messages
 * or frames far beyond any limit, and later drain what the server queued up to its close frame.
 */
public final class RawWebSocket implements AutoCloseable {

  private final Socket socket = new Socket();
  private final DataInputStream in;
  private final OutputStream out;

  /** A client that reads what it is sent. */
  public static RawWebSocket open(String uri) throws IOException {
    return new RawWebSocket(uri, 0);
  }

  /** A client whose receive window stays at 4 KiB, so the server's sends back up once it stops reading. */
  public static RawWebSocket stalled(String uri) throws IOException {
    return new RawWebSocket(uri, 4096);
  }

  private RawWebSocket(String uri, int receiveBuffer) throws IOException {
    var target = URI.create(uri);
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer); // before connect, so the window stays small
    }
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

  private final byte[] mask = new byte[4];

  /** One masked text frame, as clients must send. */
  public void send(String text) throws IOException {
    send(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** One whole frame with this opcode (1 text, 2 binary). */
  public void send(int opcode, byte[] payload) throws IOException {
    header(opcode, payload.length);
    out.write(masked(payload, 0));
    out.flush();
  }

  /** The header of a frame that announces {@code length} bytes; {@link #stream} sends its payload. */
  public void header(int opcode, long length) throws IOException {
    ThreadLocalRandom.current().nextBytes(mask);
    out.write(0x80 | opcode);
    if (length < 126) {
      out.write(0x80 | (int) length);
    } else if (length <= 0xffff) {
      out.write(0x80 | 126);
      out.write((int) (length >>> 8));
      out.write((int) (length & 0xff));
    } else {
      out.write(0x80 | 127);
      for (var shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (length >>> shift) & 0xff);
      }
    }
    out.write(mask);
    out.flush();
  }

  /**
   * Sends up to {@code bytes} of the announced payload, and stops as soon as the server says
   * anything (its close) or drops the connection. Returns how many bytes it sent.
   */
  public long stream(long bytes) throws IOException {
    var chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    var sent = 0L;
    try {
      while (sent < bytes && in.available() == 0) {
        var length = (int) Math.min(chunk.length, bytes - sent);
        out.write(masked(chunk, sent), 0, length);
        sent += length;
      }
    } catch (IOException reset) {
      // the server closed the connection under us
    }
    return sent;
  }

  private byte[] masked(byte[] data, long offset) {
    var result = new byte[data.length];
    for (var i = 0; i < data.length; i++) {
      result[i] = (byte) (data[i] ^ mask[(int) ((offset + i) % 4)]);
    }
    return result;
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
