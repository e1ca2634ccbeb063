package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.TestDatabase;
import org.kosync.testing.TestTokens;

/**
 * A rotated server: a new signing key (kosync.jwt.signing-key) and the previous one kept for
 * verification (kosync.jwt.previous-keys). New tokens use the new key; old ones keep working.
 */
@KoreaderTest
class TokenRotationIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    // signing-key: Deployments.rotatedSigningKey(), previous-keys: the server's own
    return Deployments.withChangedDefaults();
  }

  @Test
  void newTokensUseTheNewKeyAndOldTokensStillVerify(KoreaderClient client, User reader)
      throws Exception {
    var accountId = Long.parseLong(
        TestDatabase.queryString("select id from accounts where username = ?", reader.name())
            .orElseThrow());
    var oldKey = TestTokens.readPrivateKey(TestTokens.serverKeyFile());
    var oldKid = TestTokens.kidOf(TestTokens.publicOf(oldKey));
    var oldToken = TestTokens.sign(
        TestTokens.claims(accountId, reader.name(), c -> {}),
        oldKey,
        AlgorithmIdentifiers.RSA_USING_SHA256,
        oldKid);
    var bearerOld = client.send(client
        .request("/users/auth")
        .header("Authorization", "Bearer " + oldToken)
        .GET());
    assertEquals(200, bearerOld.status(), bearerOld::toString);

    var newToken = client.get("/api/auth.jwt", reader).body();
    var newKid = TestTokens.kidOf(
        TestTokens.publicOf(TestTokens.readPrivateKey(Deployments.rotatedSigningKey())));
    assertEquals(newKid, TestTokens.kidOf(newToken));
    assertNotEquals(oldKid, newKid);
    assertEquals(
        200,
        client
            .send(client
                .request("/users/auth")
                .header("Authorization", "Bearer " + newToken)
                .GET())
            .status());
  }
}
