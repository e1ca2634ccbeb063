package org.kosync.rpc.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.kosync.auth.boundary.Accounts;
import org.kosync.auth.control.TokenIssuer;
import org.kosync.auth.control.TokenVerifier;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Who opens a WebSocket: the token in its path, verified like a Bearer token. A token from
 * {@code /api/ws} opens one connection only (its id is remembered on this node for longer than
 * it lives); a token from {@code /api/auth.jwt} is good until it expires, as the seed says.
 */
@ApplicationScoped
public class Handshakes {

  private final Cache<String, Boolean> usedWebSocketTokens =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).maximumSize(1_000_000).build();

  @Inject
  TokenVerifier verifier;

  @Inject
  Accounts accounts;

  /** Who connected, and until when their token allows the connection (the janitor closes it then). */
  public record Connection(Caller caller, Instant expiresAt) {}

  public Connection authenticate(String token) {
    var claims = verifier.verify(token);
    if (claims.use().filter(TokenIssuer.WEBSOCKET::equals).isPresent()) {
      var id = claims.id().orElseThrow(() -> new SyncException(SyncError.UNAUTHORIZED, "The token has no id."));
      if (usedWebSocketTokens.asMap().putIfAbsent(id, Boolean.TRUE) != null) {
        throw new SyncException(SyncError.UNAUTHORIZED, "This WebSocket URI was used already; ask /api/ws for a new one.");
      }
    } else if (claims.use().isPresent()) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    return new Connection(accounts.authenticate(claims), claims.expiresAt());
  }
}
