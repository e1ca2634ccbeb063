package org.kosync.page.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {

  @Test
  void onlyThisServerWithoutAProvider() {
    var policy = ContentSecurityPolicy.of(List.of());
    assertTrue(policy.contains("script-src 'self';"), policy);
    assertTrue(policy.contains("connect-src 'self';"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertTrue(policy.startsWith("default-src 'none';"), policy);
    assertFalse(policy.contains("unsafe"), policy);
  }

  @Test
  void theProvidersTokenEndpointByItsOriginOnly() {
    var policy = ContentSecurityPolicy.of(List.of(
        URI.create("https://SSO.example.org:8443/realms/x"),
        URI.create("https://sso.example.org:8443/realms/x/protocol/openid-connect/token?a=b"),
        URI.create("https://oauth2.example.com/token")));
    assertTrue(
        policy.contains(
            "connect-src 'self' https://sso.example.org:8443 https://oauth2.example.com;"),
        policy);
    assertEquals(
        "http://127.0.0.1", ContentSecurityPolicy.origin(URI.create("http://127.0.0.1/t")));
  }

  @Test
  void nothingThatCouldAddADirective() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ContentSecurityPolicy.origin(URI.create("javascript:alert(1)")));
    assertThrows(
        IllegalArgumentException.class,
        () -> ContentSecurityPolicy.origin(URI.create("ftp://x.org/")));
  }
}
