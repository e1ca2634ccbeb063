package org.kosync.storage.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ds.common.BaseDataSource;
import org.postgresql.xa.PGXADataSource;

/**
 * The physical DataSource behind the container's pool (named by {@code @DataSourceDefinition}).
 * Its settings come from MicroProfile Config, which works the same on WildFly and Payara, where
 * annotation placeholders do not.
 *
 * <p>It is an XADataSource so that the pool hears about broken connections: an annotation-defined
 * pool has no exception sorter or validation, and would keep handing out connections that died
 * with a database restart. A failed XA commit or rollback (XAER_RMFAIL) makes the pool destroy
 * that connection; with a single resource the transaction manager still commits in one phase.
 */
public class ConfiguredDataSource implements XADataSource, DataSource {

  private volatile XADataSource delegate;
  private int loginTimeout;
  private String description;

  private XADataSource delegate() {
    var current = delegate;
    if (current == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = create(DatabaseSettings.from(
              ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader())));
        }
        current = delegate;
      }
    }
    return current;
  }

  static XADataSource create(DatabaseSettings settings) {
    if (settings.isPostgreSql()) {
      return postgres(new PGXADataSource(), settings);
    }
    return h2(settings);
  }

  /** A connection of its own, outside the container's pool and its transactions. */
  public static Connection unpooled(DatabaseSettings settings) throws SQLException {
    return settings.isPostgreSql()
        ? postgres(new PGSimpleDataSource(), settings).getConnection()
        : h2(settings).getConnection();
  }

  private static <T extends BaseDataSource> T postgres(T postgres, DatabaseSettings settings) {
    postgres.setURL(settings.url());
    settings.user().ifPresent(postgres::setUser);
    settings.password().ifPresent(postgres::setPassword);
    // A dead or frozen database must fail fast (KOReader gives up after 5 s) instead of hanging a
    // request: connecting, logging in and every answer are bounded. A connection that timed out
    // is broken, and the pool replaces it (see the class comment).
    if (!settings.timeout().isZero()) {
      var seconds = (int) Math.max(1, (settings.timeout().toMillis() + 999) / 1000);
      postgres.setConnectTimeout(seconds);
      postgres.setLoginTimeout(seconds);
      postgres.setSocketTimeout(seconds);
    }
    postgres.setTcpKeepAlive(true);
    return postgres;
  }

  private static JdbcDataSource h2(DatabaseSettings settings) {
    if (!settings.isH2()) {
      throw new IllegalStateException(
          "kosync.db.url must be a jdbc:postgresql: or jdbc:h2: URL; got "
              + settings.redactedUrl());
    }
    var h2 = new JdbcDataSource();
    h2.setURL(settings.url());
    h2.setUser(settings.user().orElse("sa"));
    h2.setPassword(settings.password().orElse(""));
    return h2;
  }

  @Override
  public XAConnection getXAConnection() throws SQLException {
    return delegate().getXAConnection();
  }

  /** The pool passes the annotation's empty credentials; ours come from configuration. */
  @Override
  public XAConnection getXAConnection(String user, String password) throws SQLException {
    return user == null || user.isEmpty()
        ? getXAConnection()
        : delegate().getXAConnection(user, password);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return ((DataSource) delegate()).getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return user == null || user.isEmpty()
        ? getConnection()
        : ((DataSource) delegate()).getConnection(user, password);
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
    // the container logs; a driver's own writer could print credential-bearing URLs
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
    return ((DataSource) delegate()).unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || ((DataSource) delegate()).isWrapperFor(type);
  }
}
