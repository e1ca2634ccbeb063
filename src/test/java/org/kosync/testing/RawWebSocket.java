package org.kosync.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket spoken byte by byte, for what a well-behaved library never sends: binary messages,
 * frames far beyond any limit, lengths no frame may have. Frames from the server are read as they
 * come; text is skipped, a close frame's code returned.
 */
public final class RawWebSocket implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final byte[] mask = new byte[4];

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Opens {@code ws://host:port/path} and reads the server's 101. */
  public static RawWebSocket open(String uri) throws IOException {
    var target = URI.create(uri);
    var socket = new Socket(target.getHost(), target.getPort());
    socket.setSoTimeout(10_000);
    var ws = new RawWebSocket(socket);
    var key = new byte[16];
    RANDOM.nextBytes(key);
    var request = "GET " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getHost() + ":"
        + target.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(key) + "\r\n\r\n";
    ws.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    ws.out.flush();
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      head.append((char) ws.in.readUnsignedByte());
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("No upgrade: " + head);
    }
    return ws;
  }

  /** A whole frame: FIN, the opcode (1 text, 2 binary), masked as a client must. */
  public void send(int opcode, byte[] payload) throws IOException {
    header(opcode, payload.length);
    out.write(masked(payload, 0));
    out.flush();
  }

  /** The header of a frame that announces {@code length} bytes; its payload is for {@link #stream}. */
  public void header(int opcode, long length) throws IOException {
    RANDOM.nextBytes(mask);
    out.write(0x80 | opcode);
    out.write(0x80 | 127);
    for (var shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (length >>> shift) & 0xFF);
    }
    out.write(mask);
    out.flush();
  }

  /**
   * Sends up to {@code bytes} of 'x' as the announced payload, and stops when the server has
   * closed the connection or answered with a close frame. Returns how many bytes it sent.
   */
  public long stream(long bytes) throws IOException {
    var chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    var sent = 0L;
    socket.setSoTimeout(1);
    try {
      while (sent < bytes) {
        var length = (int) Math.min(chunk.length, bytes - sent);
        out.write(masked(chunk, sent), 0, length);
        sent += length;
        if (in.available() > 0 && closedByServer()) {
          return sent;
        }
      }
    } catch (IOException reset) {
      return sent; // the server closed the connection under us
    } finally {
      socket.setSoTimeout(10_000);
    }
    return sent;
  }

  private boolean closedByServer() throws IOException {
    try {
      return closeCode() != 0;
    } catch (SocketTimeoutException partial) {
      return false;
    }
  }

  /** One frame from the server (never masked): its opcode and payload. */
  private record Frame(int opcode, byte[] payload) {}

  private Frame frame() throws IOException {
    var first = in.readUnsignedByte();
    var length = (long) (in.readUnsignedByte() & 0x7F);
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    return new Frame(first & 0x0F, in.readNBytes((int) length));
  }

  /** The next frame's payload as text (the hello, a reply). */
  public String nextText() throws IOException {
    var frame = frame();
    if (frame.opcode() != 0x1) {
      throw new IOException("Not a text frame: opcode " + frame.opcode());
    }
    return new String(frame.payload(), StandardCharsets.UTF_8);
  }

  /** Reads frames until a close frame (its code) or the end of the connection (-1); 0 never. */
  public int closeCode() throws IOException {
    while (true) {
      Frame frame;
      try {
        frame = frame();
      } catch (java.io.EOFException e) {
        return -1;
      }
      var payload = frame.payload();
      if (frame.opcode() == 0x8) {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
      }
    }
  }

  private byte[] masked(byte[] data, long offset) {
    var result = new byte[data.length];
    for (var i = 0; i < data.length; i++) {
      result[i] = (byte) (data[i] ^ mask[(int) ((offset + i) % 4)]);
    }
    return result;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
