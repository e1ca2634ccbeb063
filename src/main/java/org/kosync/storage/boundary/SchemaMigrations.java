package org.kosync.storage.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
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
import org.kosync.storage.control.DatabaseSettings;

/**
 * Brings the schema up to date before the application serves (deployment waits for this
 * {@code @Startup} bean), then checks the JPA mapping against it, so drift stops the deployment
 * instead of failing requests.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@DataSourceDefinition(
    name = SchemaMigrations.DATASOURCE,
    className = "org.kosync.storage.control.ConfiguredDataSource",
    minPoolSize = 2,
    maxPoolSize = 48,
    transactional = true,
    // WildFly starts a datasource-class only with at least one String property; the settings come from MP Config
    description = "KOsync database",
    // Payara's pool would keep handing out connections that died with a database restart: it checks
    // one before use (at most every 2 s) and, when one is dead, drops them all. WildFly's pool learns
    // it from the failed XA rollback (ConfiguredDataSource); it ignores these properties (WFLYJCA0016 warnings).
    properties = {
        "fish.payara.is-connection-validation-required=true",
        "fish.payara.connection-validation-method=custom-validation",
        "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
        "fish.payara.validate-atmost-once-period-in-seconds=2",
        "fish.payara.fail-all-connections=true"})
public class SchemaMigrations {

  public static final String DATASOURCE = "java:app/jdbc/kosync";
  static final String CHANGELOG = "liquibase/changelog.xml";
  private static final System.Logger LOG = System.getLogger(SchemaMigrations.class.getName());

  @Resource(lookup = DATASOURCE)
  DataSource dataSource;

  @PersistenceUnit
  EntityManagerFactory entityManagerFactory;

  @Inject
  Config config;

  @Inject
  @ConfigProperty(name = "kosync.db.migrate", defaultValue = "true")
  boolean migrate;

  @Inject
  @ConfigProperty(name = "kosync.db.validate", defaultValue = "true")
  boolean validate;

  @PostConstruct
  void start() {
    announce(DatabaseSettings.from(config));
    if (migrate) {
      update();
    } else {
      LOG.log(Level.INFO, "Schema migration at start is off (kosync.db.migrate=false): run liquibase/changelog.xml yourself");
    }
    if (validate) {
      entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }
  }

  private void update() {
    try (var connection = dataSource.getConnection()) {
      var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      // Liquibase would otherwise report usage over the network and print to stdout instead of the server log
      Scope.child(Map.of("liquibase.analytics.enabled", false, Scope.Attr.ui.name(), new LoggerUIService()), () -> {
        try (var liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(getClass().getClassLoader()), database)) {
          liquibase.update(new Contexts(), new LabelExpression());
        }
      });
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database to migrate it", e);
    } catch (Exception e) {
      throw new IllegalStateException("Schema migration failed", e);
    }
  }

  private static void announce(DatabaseSettings settings) {
    if (settings.embedded()) {
      LOG.log(Level.INFO,
          "KOsync stores its data in an embedded H2 database: {0}. Back up that directory. To use PostgreSQL instead, "
              + "set KOSYNC_DB_URL=jdbc:postgresql://host:5432/kosync, KOSYNC_DB_USER and KOSYNC_DB_PASSWORD.",
          settings.redactedUrl());
    } else {
      LOG.log(Level.INFO, "KOsync stores its data in {0}", settings.redactedUrl());
    }
  }
}
