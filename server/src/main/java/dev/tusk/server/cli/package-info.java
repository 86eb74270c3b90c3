/** The {@code tusk} command line: initdb, start (foreground or background), stop with a mode, status. */
package dev.tusk.server.cli;
