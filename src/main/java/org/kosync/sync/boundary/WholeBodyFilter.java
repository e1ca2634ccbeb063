package org.kosync.sync.boundary;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.problems.entity.SyncError;
import org.kosync.sync.control.JsonBodies;

/**
 * A request body is read in full before any worker thread works on the request: the container
 * hands its bytes over as they arrive (non-blocking), and a body that has not arrived within
 * {@code kosync.http.body-deadline} is answered 408 and its connection closed. So a client that
 * sends a body a few bytes at a time holds a connection and a buffer, never one of the worker
 * threads every other request needs. The whole body is then given to JAX-RS, which parses it
 * ({@link JsonBodyReader}) as before.
 */
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC},
    asyncSupported = true)
public class WholeBodyFilter extends HttpFilter {

  private static final String BODY = WholeBodyFilter.class.getName() + ".body";

  @Inject
  @ConfigProperty(name = "kosync.http.body-deadline", defaultValue = "PT10S")
  Duration deadline;

  // Payara (Weld) starts no request scope for an asynchronous dispatch; WildFly does
  @Inject
  RequestContextController requestScope;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.ASYNC
        && request.getAttribute(BODY) instanceof byte[] body) {
      request.removeAttribute(BODY);
      var activated = requestScope.activate();
      try {
        chain.doFilter(new ReceivedBody(request, body), response);
      } finally {
        if (activated) {
          requestScope.deactivate();
        }
      }
    } else if (request.getDispatcherType() == DispatcherType.REQUEST && hasBody(request)) {
      var async = request.startAsync();
      if (JsonBodies.declaredTooLong(request.getHeader("Content-Length"))) {
        // refused unread (JsonBodies), and not waited for however slowly it comes
        UnreadBody.abandon(request);
        request.setAttribute(BODY, new byte[0]);
        async.dispatch();
      } else {
        receive(request, async);
      }
    } else {
      chain.doFilter(request, response);
    }
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private void receive(HttpServletRequest request, AsyncContext async) throws IOException {
    async.setTimeout(deadline.toMillis());
    var arrival = new Arrival(async, request.getInputStream());
    async.addListener(arrival);
    arrival.input.setReadListener(arrival);
  }

  /** One body on its way in: collected up to one byte past the limit, then handed on or timed out. */
  private static final class Arrival implements ReadListener, AsyncListener {

    private static final byte[] TIMEOUT = ("{\"code\":"
            + SyncError.BODY_TIMEOUT.code()
            + ",\"message\":\""
            + SyncError.BODY_TIMEOUT.message()
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);

    private final AsyncContext async;
    private final ServletInputStream input;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private final byte[] chunk = new byte[4096];
    private final AtomicBoolean settled = new AtomicBoolean();

    Arrival(AsyncContext async, ServletInputStream input) {
      this.async = async;
      this.input = input;
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (input.isReady() && !settled.get()) {
        var read = input.read(chunk);
        if (read < 0) {
          return; // onAllDataRead follows
        }
        bytes.write(chunk, 0, read);
        if (bytes.size() > JsonBodies.MAX_BYTES) {
          UnreadBody.abandon(async.getRequest()); // JsonBodies refuses it; the rest is never read
          handOn();
          return;
        }
      }
    }

    @Override
    public void onAllDataRead() {
      handOn();
    }

    private void handOn() {
      if (settled.compareAndSet(false, true)) {
        async.getRequest().setAttribute(BODY, bytes.toByteArray());
        async.dispatch();
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
      if (settled.compareAndSet(false, true)) {
        var response = (HttpServletResponse) async.getResponse();
        response.setStatus(SyncError.BODY_TIMEOUT.status());
        // the rest of a body that is still coming must not be waited for
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setContentLength(TIMEOUT.length);
        response.getOutputStream().write(TIMEOUT);
        response.flushBuffer();
        UnreadBody.abandon(async.getRequest());
        async.complete();
      }
    }

    @Override
    public void onError(Throwable failure) {
      if (settled.compareAndSet(false, true)) {
        async.complete(); // the client went away; nobody is left to answer
      }
    }

    @Override
    public void onError(AsyncEvent event) {
      onError(event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }
}
