package org.kosync.storage.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger.Level;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Takes the JDBC drivers that travel in the WAR out of {@link DriverManager} when the application
 * stops. The PostgreSQL and H2 drivers register themselves there as soon as their data sources load
 * them, and DriverManager belongs to the JVM: it would keep the stopped application's classes alive
 * (Payara unregisters them by force, with a warning at every undeploy and shutdown).
 */
@WebListener
public class RegisteredDrivers implements ServletContextListener {

  private static final System.Logger LOG = System.getLogger(RegisteredDrivers.class.getName());

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    var ours = RegisteredDrivers.class.getClassLoader();
    for (var driver : Collections.list(DriverManager.getDrivers())) {
      if (driver.getClass().getClassLoader() == ours) {
        try {
          DriverManager.deregisterDriver(driver);
        } catch (SQLException e) {
          LOG.log(Level.DEBUG, "Could not unregister " + driver.getClass().getName(), e);
        }
      }
    }
  }
}
