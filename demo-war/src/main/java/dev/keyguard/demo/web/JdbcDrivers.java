package dev.keyguard.demo.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.ServiceLoader;

/**
 * Registers the JDBC drivers in {@code WEB-INF/lib} with {@link DriverManager} when the web app
 * starts, and deregisters them when it stops.
 *
 * <p>Why: {@code DriverManager} finds drivers through {@link ServiceLoader} once per JVM, with the
 * class loader of whoever asks first. In Tomcat and WildFly that is the container, before any web
 * app, so a driver that only a web app holds is never found, and a pool given just a JDBC URL
 * (Keyguard's HikariCP pool on H2, PostgreSQL or MariaDB) fails with "No suitable driver". A driver
 * registered by the web app must also leave with it, or it pins the web app's class loader (Tomcat
 * then unregisters it by force and warns of a leak). Containers run listeners before filters start
 * and after they stop, so this brackets the Keyguard filter.
 */
public final class JdbcDrivers implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ClassLoader webapp = JdbcDrivers.class.getClassLoader();
        if (!isWebAppLoader(webapp)) {
            return;
        }
        for (Driver driver : ServiceLoader.load(Driver.class, webapp)) {
            if (driver.getClass().getClassLoader() == webapp && !isRegistered(driver)) {
                try {
                    DriverManager.registerDriver(driver);
                } catch (SQLException e) {
                    event.getServletContext()
                            .log(
                                    "Could not register JDBC driver " + driver.getClass().getName(),
                                    e);
                }
            }
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ClassLoader webapp = JdbcDrivers.class.getClassLoader();
        if (!isWebAppLoader(webapp)) {
            return;
        }
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == webapp) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    event.getServletContext()
                            .log(
                                    "Could not deregister JDBC driver "
                                            + driver.getClass().getName(),
                                    e);
                }
            }
        }
    }

    /** False in development, where the JVM's class path holds the drivers and they stay. */
    private static boolean isWebAppLoader(ClassLoader loader) {
        return loader != ClassLoader.getSystemClassLoader();
    }

    private static boolean isRegistered(Driver driver) {
        return DriverManager.drivers().anyMatch(d -> d.getClass() == driver.getClass());
    }
}
