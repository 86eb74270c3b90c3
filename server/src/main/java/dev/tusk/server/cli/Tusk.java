package dev.tusk.server.cli;

import dev.tusk.server.datadir.DataDirectory;
import dev.tusk.server.datadir.InitDb;
import dev.tusk.server.datadir.PidFile;
import dev.tusk.server.engine.h2.H2Engine;
import dev.tusk.server.postmaster.Postmaster;
import dev.tusk.server.postmaster.ShutdownMode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tusk} command (cf. initdb, postgres and pg_ctl):
 * <pre>
 *   tusk initdb -D DIR [-U superuser] [--pwfile F] [--auth-local M] [--auth-host M] [--ssl]
 *   tusk start  -D DIR [-p PORT] [--background]
 *   tusk stop   -D DIR [-m smart|fast|immediate]
 *   tusk status -D DIR
 * </pre>
 * Like PostgreSQL, it refuses to run as root unless told {@code --allow-root}.
 */
public final class Tusk {
    private Tusk() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (UsageException e) {
            System.err.println("tusk: " + e.getMessage());
            System.err.println("Try \"tusk --help\" for more information.");
            System.exit(2);
        } catch (IOException e) {
            System.err.println("tusk: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) throws IOException {
        Options o = Options.parse(args);
        switch (o.command) {
            case "initdb": return initdb(o);
            case "start": return start(o);
            case "stop": return stop(o);
            case "status": return status(o);
            case "help": System.out.println(usage()); return 0;
            default: throw new UsageException("unknown command \"" + o.command + "\"");
        }
    }

    private static int initdb(Options o) throws IOException {
        checkNotRoot(o, "initdb");
        Path dir = o.dataDir();
        String superuser = o.user != null ? o.user : System.getProperty("user.name");
        String password = o.pwfile == null ? null : Files.readAllLines(Path.of(o.pwfile)).get(0);
        InitDb.run(dir, superuser, password, o.authLocal, o.authHost, d -> new H2Engine(d, true));
        if (o.ssl) {
            dev.tusk.server.datadir.SelfSignedCertificate.create(dir);
            Files.writeString(dir.resolve("postgresql.conf"), "\nssl = on                         # initdb --ssl: server.crt / server.key\n",
                    java.nio.file.StandardOpenOption.APPEND);
            System.out.println("TLS is on with a self-signed certificate for localhost: " + dir.resolve("server.crt"));
        }
        System.out.println("The database cluster will be initialized with superuser \"" + superuser + "\".");
        System.out.println("Success. You can now start the database server using:");
        System.out.println();
        System.out.println("    bin/tusk start -D " + dir + (o.allowRoot ? " --allow-root" : ""));
        return 0;
    }

    private static int start(Options o) throws IOException {
        checkNotRoot(o, "start");
        Path dir = o.dataDir();
        if (o.background) {
            return startBackground(o, dir);
        }
        new DataDirectory(dir).checkUsable();
        Postmaster pm = Postmaster.start(dir, o.port);
        Signals.install(pm, dir);
        System.err.println("tusk: database system is ready to accept connections on port " + pm.port());
        try {
            pm.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(Signals.intIgnoredMarker(dir));
        return 0;
    }

    /** Re-runs this command in a new JVM with its output going to DIR/log/tusk.log, and waits until it accepts connections. */
    private static int startBackground(Options o, Path dir) throws IOException {
        DataDirectory dd = new DataDirectory(dir);
        dd.checkUsable();
        Files.createDirectories(dd.logFile().getParent());
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        // the JVM's own options (TUSK_JAVA_OPTS in bin/tusk: heap, JFR) carry over to the server
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Tusk.class.getName());
        for (String a : o.raw) {
            if (!a.equals("--background")) {
                cmd.add(a);
            }
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dd.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        PidFile pid = new PidFile(dd.pidFile());
        for (int i = 0; i < 600; i++) {
            if (!p.isAlive()) {
                System.err.println("tusk: could not start server; see " + dd.logFile());
                return 1;
            }
            Optional<Long> running = pid.runningPid();
            if (running.isPresent() && running.get() == p.pid()) {
                System.out.println("server started (pid " + p.pid() + "), log in " + dd.logFile());
                return 0;
            }
            sleep(100);
        }
        System.err.println("tusk: server did not start in time; see " + dd.logFile());
        return 1;
    }

    private static int stop(Options o) throws IOException {
        DataDirectory dd = new DataDirectory(o.dataDir());
        PidFile pid = new PidFile(dd.pidFile());
        Optional<Long> running = pid.runningPid();
        if (running.isEmpty()) {
            System.err.println("tusk: PID file \"" + dd.pidFile() + "\" does not exist\nIs server running?");
            return 1;
        }
        ShutdownMode mode = ShutdownMode.valueOf(o.mode.toUpperCase(java.util.Locale.ROOT));
        Signals.send(running.get(), mode, o.dataDir());
        System.out.print("waiting for server to shut down...");
        for (int i = 0; i < 600; i++) {
            if (!ProcessHandle.of(running.get()).map(ProcessHandle::isAlive).orElse(false)) {
                System.out.println(" done\nserver stopped");
                return 0;
            }
            sleep(100);
        }
        System.out.println(" failed\ntusk: server does not shut down");
        return 1;
    }

    private static int status(Options o) throws IOException {
        DataDirectory dd = new DataDirectory(o.dataDir());
        PidFile pid = new PidFile(dd.pidFile());
        Optional<Long> running = pid.runningPid();
        if (running.isEmpty()) {
            System.out.println("tusk: no server running");
            return 3;
        }
        System.out.println("tusk: server is running (PID: " + running.get() + ")");
        List<String> lines = pid.lines();
        if (lines.size() > 3) {
            System.out.println("port " + lines.get(3) + (lines.size() > 4 && !lines.get(4).isEmpty()
                    ? ", socket " + lines.get(4) + "/.s.PGSQL." + lines.get(3) : ""));
        }
        return 0;
    }

    /** PostgreSQL refuses root: a compromised server would own the machine. */
    private static void checkNotRoot(Options o, String what) throws IOException {
        if (o.allowRoot) {
            return;
        }
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (Integer.valueOf(0).equals(uid)) {
            throw new IOException("\"root\" execution of tusk " + what + " is not permitted; run it as an unprivileged "
                    + "user (e.g. runuser -u postgres -- bin/tusk ...), or pass --allow-root inside a container");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String usage() {
        return String.join("\n",
                "tusk is a PostgreSQL-compatible database server.",
                "",
                "Usage:",
                "  tusk initdb -D DIR [-U SUPERUSER] [--pwfile FILE] [--auth-local METHOD] [--auth-host METHOD] [--ssl]",
                "  tusk start  -D DIR [-p PORT] [--background]",
                "  tusk stop   -D DIR [-m smart|fast|immediate]",
                "  tusk status -D DIR",
                "",
                "Options:",
                "  --allow-root   run as the OS superuser (containers only)");
    }

    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String m) {
            super(m);
        }
    }

    /** The command line, parsed. */
    static final class Options {
        String command = "help";
        String dataDir = System.getenv("PGDATA");
        String user;
        String pwfile;
        String authLocal = "trust";
        String authHost = "trust";
        Integer port;
        String mode = "fast";
        boolean background;
        boolean allowRoot;
        boolean ssl;
        List<String> raw = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            o.raw.addAll(List.of(args));
            int i = 0;
            if (args.length > 0 && !args[0].startsWith("-")) {
                o.command = args[i++];
            }
            for (; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-D": case "--pgdata": o.dataDir = value(args, ++i, a); break;
                    case "-U": case "--username": o.user = value(args, ++i, a); break;
                    case "--pwfile": o.pwfile = value(args, ++i, a); break;
                    case "--auth-local": o.authLocal = value(args, ++i, a); break;
                    case "--auth-host": o.authHost = value(args, ++i, a); break;
                    case "--auth": o.authLocal = o.authHost = value(args, ++i, a); break;
                    case "-p": case "--port": o.port = Integer.parseInt(value(args, ++i, a)); break;
                    case "-m": case "--mode": o.mode = value(args, ++i, a); break;
                    case "--background": o.background = true; break;
                    case "--allow-root": o.allowRoot = true; break;
                    case "--ssl": o.ssl = true; break;
                    case "-h": case "--help": o.command = "help"; break;
                    default: throw new UsageException("invalid option \"" + a + "\"");
                }
            }
            if (!java.util.Set.of("smart", "fast", "immediate").contains(o.mode)) {
                throw new UsageException("invalid shutdown mode \"" + o.mode + "\"");
            }
            return o;
        }

        Path dataDir() {
            if (dataDir == null) {
                throw new UsageException("no data directory specified (use -D DIR or set PGDATA)");
            }
            return Path.of(dataDir).toAbsolutePath().normalize();
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new UsageException("option " + option + " requires an argument");
            }
            return args[i];
        }
    }
}
