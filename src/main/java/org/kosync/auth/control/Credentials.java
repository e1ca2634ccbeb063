package org.kosync.auth.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.auth.entity.Caller;
import org.kosync.meters.control.Meters;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;
import org.kosync.storage.control.DataDirectory;

/**
 * Slow hashing, bounded, and the cache of verified credentials that keeps it off the hot path:
 * passwords, and tokens (whose signature and account check it saves). Cache keys are an HMAC of
 * the credential under a per-process secret, so the cache never holds a usable one.
 */
@ApplicationScoped
public class Credentials {

  @Inject
  Config config;

  @Inject
  @ConfigProperty(name = "kosync.pepper")
  Optional<String> configuredPepper;

  @Inject
  @ConfigProperty(name = "kosync.auth.cache.size", defaultValue = "10000")
  long cacheSize;

  @Inject
  @ConfigProperty(name = "kosync.auth.cache.idle", defaultValue = "PT30M")
  Duration cacheIdle;

  @Inject
  @ConfigProperty(name = "kosync.auth.cache.max-age", defaultValue = "PT1H")
  Duration cacheMaxAge;

  @Inject
  @ConfigProperty(name = "kosync.auth.hash.concurrency", defaultValue = "0")
  int hashConcurrency;

  @Inject
  @ConfigProperty(name = "kosync.auth.hash.wait", defaultValue = "PT4S")
  Duration hashWait;

  // a burst after a restart waits its turn (64 readers on 32 connections need about 25 places);
  // a flood of wrong keys from many addresses holds at most this many worker threads
  @Inject
  @ConfigProperty(name = "kosync.auth.hash.queue", defaultValue = "32")
  int hashQueue;

  private static final Timer HASH_WAIT = Timer.builder("kosync.auth.hash.wait")
      .description("Time a credential check waited for a slot to hash in")
      .serviceLevelObjectives(
          Duration.ofMillis(1),
          Duration.ofMillis(10),
          Duration.ofMillis(50),
          Duration.ofMillis(100))
      .register(Meters.REGISTRY);
  private static final Counter HASHES = Counter.builder("kosync.auth.hashes")
      .description("Slow hashes computed (registrations, password changes, uncached checks)")
      .register(Meters.REGISTRY);

  private static final byte PASSWORD = 0;
  private static final byte TOKEN = 1;

  private PasswordHashing hashing;
  private Cache<String, IdleOrOld.Verified> verified;
  private Semaphore slowHashes;
  private final AtomicInteger waitingForSlot = new AtomicInteger();
  private byte[] cacheSecret;
  private String unknownUserHash;
  // bumped on every password change or deletion: a check that began before it must not cache its
  // result
  private final AtomicLong generation = new AtomicLong();
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
  private final ConcurrentHashMap<String, CompletableFuture<Optional<Caller>>> checking =
      new ConcurrentHashMap<>();

  @PostConstruct
  void init() {
    hashing = new PasswordHashing(
        Pepper.load(configuredPepper, DataDirectory.of(config)), PasswordHashing.ITERATIONS);
    verified = Caffeine.newBuilder()
        .maximumSize(cacheSize)
        .expireAfter(new IdleOrOld(cacheIdle, cacheMaxAge))
        .recordStats()
        .build();
    // cache_gets_total{cache="credentials",result="hit"|"miss"}: the hit ratio an operator watches
    CaffeineCacheMetrics.monitor(Meters.REGISTRY, verified, "credentials");
    var permits =
        hashConcurrency > 0 ? hashConcurrency : Runtime.getRuntime().availableProcessors();
    slowHashes = new Semaphore(permits, true);
    cacheSecret = new byte[32];
    new SecureRandom().nextBytes(cacheSecret);
    unknownUserHash = hashing.hash("no such user");
  }

  public String hash(String key) {
    return slowly(() -> hashing.hash(key));
  }

  /** Verifies against the stored hash, or against a decoy of equal cost when there is none. */
  public boolean verify(String key, Optional<String> storedHash) {
    var stored = storedHash.orElse(unknownUserHash);
    var matches = slowly(() -> hashing.verify(key, stored));
    return matches && storedHash.isPresent();
  }

  public String cacheKey(String username, String key) {
    var mac = macs.get();
    mac.update(PASSWORD);
    mac.update(username.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return Base64.getEncoder().encodeToString(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** For a token, which is a credential of its own (a prefix keeps it apart from any user and key). */
  public String cacheKey(String token) {
    var mac = macs.get();
    mac.update(TOKEN);
    return Base64.getEncoder().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Runs {@code check} for a credential not yet cached, once: requests with the same credential
   * that arrive while it runs wait for its answer instead of hashing again, so a reader whose device
   * sends several requests at once after a restart costs one slow hash, not one per request. Only a
   * check begun in the same {@link #generation()} is joined: one begun before a password change
   * may answer for the old password.
   */
  public Optional<Caller> checkOnce(
      String cacheKey, long generation, Supplier<Optional<Caller>> check) {
    var mine = new CompletableFuture<Optional<Caller>>();
    var checkKey = generation + ":" + cacheKey;
    var running = checking.putIfAbsent(checkKey, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException failure ? failure : e;
      }
    }
    try {
      var answer = check.get();
      mine.complete(answer);
      return answer;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      checking.remove(checkKey, mine);
    }
  }

  public Optional<Caller> cached(String cacheKey) {
    return Optional.ofNullable(verified.getIfPresent(cacheKey)).map(IdleOrOld.Verified::caller);
  }

  public long generation() {
    return generation.get();
  }

  public void remember(String cacheKey, Caller caller, long generationAtStart) {
    remember(cacheKey, generationAtStart, new IdleOrOld.Verified(caller, System.nanoTime()));
  }

  /** As {@link #remember(String, Caller, long)}, for a credential that stops being valid at {@code until}. */
  public void remember(String cacheKey, Caller caller, long generationAtStart, Instant until) {
    var now = System.nanoTime();
    var left = Math.max(0, Duration.between(Instant.now(), until).toNanos());
    remember(cacheKey, generationAtStart, new IdleOrOld.Verified(caller, now, now + left));
  }

  private void remember(String cacheKey, long generationAtStart, IdleOrOld.Verified entry) {
    if (generation.get() == generationAtStart) {
      verified.put(cacheKey, entry);
    }
  }

  /** Call after the change has committed. */
  public void forget(String username) {
    generation.incrementAndGet();
    verified.asMap().values().removeIf(entry -> entry.caller().username().equals(username));
  }

  /** A revoked device key: its next request is checked afresh, and fails. */
  public void forgetDevice(long deviceKeyId) {
    generation.incrementAndGet();
    verified.asMap().values().removeIf(entry -> entry.caller().deviceKeyId() == deviceKeyId);
  }

  private <T> T slowly(Supplier<T> work) {
    var waiting = System.nanoTime();
    try {
      var acquired = waitingForSlot.incrementAndGet() <= hashQueue
          && slowHashes.tryAcquire(hashWait.toMillis(), TimeUnit.MILLISECONDS);
      HASH_WAIT.record(System.nanoTime() - waiting, TimeUnit.NANOSECONDS);
      if (!acquired) {
        throw new SyncException(SyncError.UNKNOWN, "Too many password checks at once; try again.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(SyncError.UNKNOWN, "Interrupted while waiting to check a password.");
    } finally {
      waitingForSlot.decrementAndGet();
    }
    try {
      HASHES.increment();
      return work.get();
    } finally {
      slowHashes.release();
    }
  }

  private Mac newMac() {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cacheSecret, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
