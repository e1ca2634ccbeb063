package org.kosync.operations.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.kosync.storage.boundary.SchemaMigrations;

/**
 * Started, and ready as far as the schema goes, once the migrations ran and the mapping was checked
 * against the schema ({@code kosync.db.migrate}, {@code kosync.db.validate}).
 */
@Startup
@Readiness
@ApplicationScoped
public class SchemaCheck implements HealthCheck {

  static final String NAME = "schema";

  @Inject
  SchemaMigrations migrations;

  @Override
  public HealthCheckResponse call() {
    var data = new TreeMap<String, Object>();
    var outcome = migrations.outcome();
    outcome.ifPresentOrElse(
        done -> {
          data.put(
              "migrations",
              done.migrated()
                  ? "applied at start"
                  : "left to the operator (kosync.db.migrate=false)");
          data.put(
              "mapping",
              done.validated() ? "validated" : "not validated (kosync.db.validate=false)");
        },
        () -> data.put("migrations", "not run yet"));
    return new HealthCheckResponse(
        NAME, outcome.isPresent() ? Status.UP : Status.DOWN, Optional.of(data));
  }
}
