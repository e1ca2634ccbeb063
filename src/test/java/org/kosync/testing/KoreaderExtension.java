package org.kosync.testing;

import java.net.URI;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.kosync.testing.KoreaderClient.User;

/**
 * Gives test and {@code @BeforeEach} methods what it takes to speak to the server under test as
 * KOReader does: a {@link KoreaderClient} parameter gets a client for it, and every {@link User}
 * parameter a reader of its own, registered just before the method runs.
 *
 * <p>The server is the one failsafe gives the port of ({@code it.http.port}), so a test needs no
 * {@code @ArquillianResource URL}; the server must be up when the method runs, which Arquillian sees
 * to before each test. Arquillian's own parameter resolver answers only for parameters it enriches
 * ({@code @ArquillianResource}) and refuses any parameter of a constructor or a {@code @BeforeAll}
 * method, so those cannot take a client or a reader.
 */
public final class KoreaderExtension implements ParameterResolver {

  /** The server under test: {@code http://127.0.0.1:${it.http.port}/}. */
  public static URI base() {
    return URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port", 8080) + "/");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    var type = parameter.getParameter().getType();
    return type == KoreaderClient.class || type == User.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    var client = new KoreaderClient(base());
    if (parameter.getParameter().getType() == KoreaderClient.class) {
      return client;
    }
    return client.registered(prefix(context));
  }

  /** Readers are named after the test class (DocumentsResourceIT: {@code documentsresource-…}), to tell them apart in the database. */
  private static String prefix(ExtensionContext context) {
    return context
        .getRequiredTestClass()
        .getSimpleName()
        .replaceFirst("IT$", "")
        .toLowerCase(Locale.ROOT);
  }
}
