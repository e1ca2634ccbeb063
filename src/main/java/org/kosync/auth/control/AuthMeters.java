package org.kosync.auth.control;

import io.micrometer.core.instrument.Counter;
import org.kosync.meters.control.Meters;

/**
 * What an operator watches of authentication: {@code kosync_auth_failures_total} by the kind of
 * credential refused ({@code password}, {@code device_key}, {@code token}, {@code proxy}), {@code
 * kosync_rate_limited_total} by what was limited ({@code login}, {@code registration}), and
 * {@code kosync_registrations_total}.
 */
public final class AuthMeters {

  private AuthMeters() {}

  public static void failed(String kind) {
    Counter.builder("kosync.auth.failures")
        .tag("kind", kind)
        .register(Meters.REGISTRY)
        .increment();
  }

  static void rateLimited(String kind) {
    Counter.builder("kosync.rate.limited")
        .tag("kind", kind)
        .register(Meters.REGISTRY)
        .increment();
  }

  public static void registered() {
    Counter.builder("kosync.registrations").register(Meters.REGISTRY).increment();
  }
}
