package org.kosync.storage.boundary;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's one DataSource: the container's connection pool over {@link
 * org.kosync.storage.control.ConfiguredDataSource}, whose settings come from MicroProfile Config.
 * Code that needs it looks it up by {@link #NAME}.
 */
@ApplicationScoped
@DataSourceDefinition(
    name = KosyncDataSource.NAME,
    className = "org.kosync.storage.control.ConfiguredDataSource",
    minPoolSize = 2,
    maxPoolSize = 48,
    transactional = true,
    // WildFly starts a datasource-class only with at least one String property; the settings come
    // from MP Config
    description = "KOsync database",
    // Payara's pool would keep handing out connections that died with a database restart: it checks
    // one before use (at most every 2 s) and, when one is dead, drops them all. WildFly's pool
    // learns
    // it from the failed XA rollback (ConfiguredDataSource); it ignores these properties
    // (WFLYJCA0016 warnings).
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.validate-atmost-once-period-in-seconds=2",
      "fish.payara.fail-all-connections=true",
      // a request waits at most this long for a free connection (Payara's default is 60 s)
      "fish.payara.max-wait-time-in-millis=1000"
    })
public class KosyncDataSource {

  public static final String NAME = "java:app/jdbc/kosync";
}
