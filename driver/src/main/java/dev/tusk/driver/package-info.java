/**
 * Tusk's JDBC driver ({@code jdbc:tusk://host:port/db}), usable against Tusk and PostgreSQL. Empty
 * until the driver issue: connecting, statements and result sets arrive there, built on the
 * protocol-spec codec.
 */
package dev.tusk.driver;
