package org.kosync.sync.boundary;

import jakarta.servlet.ServletRequest;

/**
 * The part of a body that is still coming when it is refused: it must not be waited for. Undertow
 * (WildFly) reads the rest of an unfinished body on a worker thread when an asynchronous request
 * completes — a thread a slow client could then hold for as long as it keeps sending — so the
 * connection's reading side is shut first, and that read ends at once. Grizzly (Payara) does not
 * wait for it (measured: 80 slow bodies answered 408 with every worker idle), so there is nothing to
 * do there. Reflection, because Undertow's types are not visible to a deployment and this class must
 * load on Payara too.
 */
final class UnreadBody {

  private static final System.Logger LOG = System.getLogger(UnreadBody.class.getName());

  private UnreadBody() {}

  static void abandon(ServletRequest request) {
    if (!request.getClass().getName().startsWith("io.undertow.")) {
      return;
    }
    try {
      var exchange = call(request, "getExchange");
      var connection = call(exchange, "getConnection");
      var socket = call(connection, "getChannel");
      call(call(socket, "getSourceChannel"), "shutdownReads");
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "KOSYNC4001: Cannot stop reading an abandoned request body",
          e);
    }
  }

  private static Object call(Object target, String method) throws ReflectiveOperationException {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        return type.getMethod(method).invoke(target);
      } catch (IllegalAccessException notPublic) {
        // a non-public implementation class: a public ancestor declares the method
      }
    }
    throw new NoSuchMethodException(target.getClass().getName() + "." + method);
  }
}
