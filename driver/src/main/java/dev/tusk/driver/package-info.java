/**
 * Tusk's JDBC driver ({@code jdbc:tusk://host[:port][,host2...]/db}), for Tusk and PostgreSQL alike:
 * the public API an application sees — {@link dev.tusk.driver.TuskDriver}, {@link dev.tusk.driver.TuskDataSource},
 * {@link dev.tusk.driver.TuskConnection} (COPY, notifications, cancel), the connection properties
 * ({@link dev.tusk.driver.DriverProperty}) and the server-error exceptions. The wire work is in
 * {@code core}, the JDBC objects in {@code jdbc}.
 */
package dev.tusk.driver;
