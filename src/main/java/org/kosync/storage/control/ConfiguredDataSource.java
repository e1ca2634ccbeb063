package org.kosync.storage.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The physical DataSource behind the container's pool (named by {@code @DataSourceDefinition}).
 * Its settings come from MicroProfile Config, which works the same on WildFly and Payara, where
 * annotation placeholders do not. The container pools and enlists its connections.
 */
public class ConfiguredDataSource implements DataSource {

  private volatile DataSource delegate;
  private int loginTimeout;
  private String description;

  private DataSource delegate() {
    var current = delegate;
    if (current == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = create(DatabaseSettings.from(ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader())));
        }
        current = delegate;
      }
    }
    return current;
  }

  static DataSource create(DatabaseSettings settings) {
    if (settings.isPostgreSql()) {
      var postgres = new PGSimpleDataSource();
      postgres.setURL(settings.url());
      settings.user().ifPresent(postgres::setUser);
      settings.password().ifPresent(postgres::setPassword);
      // a dead database must fail fast (KOReader gives up after 5 s) instead of hanging a request
      postgres.setConnectTimeout(3);
      postgres.setSocketTimeout(30);
      postgres.setTcpKeepAlive(true);
      return postgres;
    }
    if (settings.isH2()) {
      var h2 = new JdbcDataSource();
      h2.setURL(settings.url());
      h2.setUser(settings.user().orElse("sa"));
      h2.setPassword(settings.password().orElse(""));
      return h2;
    }
    throw new IllegalStateException(
        "kosync.db.url must be a jdbc:postgresql: or jdbc:h2: URL; got " + settings.redactedUrl());
  }

  @Override
  public Connection getConnection() throws SQLException {
    return delegate().getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return username == null ? getConnection() : delegate().getConnection(username, password);
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // the container logs; the driver's own writer would print credentials-bearing URLs
  }

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return delegate().unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate().isWrapperFor(type);
  }
}
