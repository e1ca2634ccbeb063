package org.kosync.storage.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.SessionFactory;
import org.kosync.storage.control.ConfiguredDataSource;
import org.kosync.storage.control.DatabaseSettings;

/**
 * Brings the schema up to date before the application serves (deployment waits for this
 * {@code @Startup} bean), then checks the JPA mapping against it, so drift stops the deployment
 * instead of failing requests.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

  static final String CHANGELOG = "liquibase/changelog.xml";
  private static final System.Logger LOG = System.getLogger(SchemaMigrations.class.getName());

  @PersistenceUnit
  EntityManagerFactory entityManagerFactory;

  @Inject
  Config config;

  @Resource
  ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "kosync.db.migrate", defaultValue = "true")
  boolean migrate;

  @Inject
  @ConfigProperty(name = "kosync.db.validate", defaultValue = "true")
  boolean validate;

  /** What the start did to the schema: Liquibase ran, and the mapping was checked against it. */
  public record Outcome(boolean migrated, boolean validated) {}

  private volatile Outcome outcome;

  @PostConstruct
  void start() {
    announce(DatabaseSettings.from(config));
    if (migrate) {
      update();
    } else {
      LOG.log(
          Level.INFO,
          "KOSYNC3001: Schema migration at start is off (kosync.db.migrate=false): run liquibase/changelog.xml yourself");
    }
    if (validate) {
      entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }
    outcome = new Outcome(migrate, validate);
  }

  /** Empty until the schema is ready for requests (health checks read it). */
  @Lock(LockType.READ)
  public Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  private void update() {
    // Liquibase keeps its scope, and through it this application's class loader, in an inheritable
    // thread local that it never clears. On the deploying thread, a server thread that outlives the
    // deployment, Payara reports it as a leak at undeploy; a thread of its own ends with the
    // migration and takes it along.
    var migration = new FutureTask<Void>(this::updateOnOwnConnection, null);
    threads.newThread(migration).start();
    try {
      migration.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure
          ? failure
          : new IllegalStateException("Schema migration failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while migrating the schema", e);
    }
  }

  private void updateOnOwnConnection() {
    // not from the pool: a migration may rightly wait longer for a statement than any request's
    // query may (kosync.db.timeout)
    try (var connection =
        ConfiguredDataSource.unpooled(DatabaseSettings.from(config).withTimeout(Duration.ZERO))) {
      migrate(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database to migrate it", e);
    }
  }

  private void migrate(Connection connection) {
    try {
      var database = DatabaseFactory.getInstance()
          .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      // Liquibase would otherwise report usage over the network and print to stdout instead of the
      // server log
      Scope.child(
          Map.of("liquibase.analytics.enabled", false, Scope.Attr.ui.name(), new LoggerUIService()),
          () -> {
            try (var liquibase = new Liquibase(
                CHANGELOG,
                new ClassLoaderResourceAccessor(getClass().getClassLoader()),
                database)) {
              liquibase.update(new Contexts(), new LabelExpression());
            }
          });
    } catch (Exception e) {
      throw new IllegalStateException("Schema migration failed", e);
    }
  }

  private static void announce(DatabaseSettings settings) {
    settings
        .embeddedFile()
        .ifPresentOrElse(
            file -> LOG.log(
                Level.WARNING,
                "KOSYNC3002: No database is configured (kosync.db.url): every account and reading position is kept in the "
                    + "embedded H2 database {0}, on this server alone. For PostgreSQL, set kosync.db.url="
                    + "jdbc:postgresql://<host>:5432/<database>, kosync.db.user and kosync.db.password (WildFly: "
                    + "jboss-cli /system-property=kosync.db.url:add(value=...); Payara: asadmin set-config-property "
                    + "--source=domain --propertyName=kosync.db.url --propertyValue=...; or KOSYNC_DB_URL, "
                    + "KOSYNC_DB_USER, KOSYNC_DB_PASSWORD in the server''s environment before it starts), then deploy "
                    + "again.",
                file),
            () -> LOG.log(
                Level.INFO, "KOSYNC3003: KOsync stores its data in {0}", settings.redactedUrl()));
  }
}
