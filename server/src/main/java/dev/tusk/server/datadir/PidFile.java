package dev.tusk.server.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * postmaster.pid, the lock that says a postmaster owns the data directory (cf. CreateLockFile in
 * utils/init/miscinit.c). Its lines: pid, data directory, start time (epoch seconds), port, first
 * socket directory, first listen address, and status. A file whose pid is no longer alive is
 * stale, left by a killed postmaster, and is taken over.
 */
public final class PidFile {
    /** Lock files held by postmasters of this JVM (an embedded postmaster has this JVM's own pid). */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path file;

    public PidFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** Creates the lock, or fails with PostgreSQL's message if a live postmaster holds it. */
    public void create(Path dataDir, int port, String socketDir, String listenAddress) throws IOException {
        Optional<Long> other = runningPid();
        if (other.isEmpty() && HELD.contains(file)) {
            other = Optional.of(ProcessHandle.current().pid());
        }
        if (other.isPresent() || !HELD.add(file)) {
            throw new IOException("lock file \"postmaster.pid\" already exists; is another postmaster (PID "
                    + other.get() + ") running in data directory \"" + dataDir + "\"?");
        }
        String content = String.join("\n", Long.toString(ProcessHandle.current().pid()), dataDir.toString(),
                Long.toString(System.currentTimeMillis() / 1000), Integer.toString(port), socketDir, listenAddress,
                "ready", "");
        Path tmp = file.resolveSibling("postmaster.pid.tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Rewrites the port line once a port chosen by the system (port 0) is known. */
    public void updatePort(int port) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(3, Integer.toString(port));
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    /** The pid of the live postmaster holding the lock, if any. */
    public Optional<Long> runningPid() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(pid);
            }
        } catch (NumberFormatException e) {
            // garbage in the file: treat as stale
        }
        return Optional.empty();
    }

    public List<String> lines() throws IOException {
        return Files.readAllLines(file);
    }

    public void delete() {
        HELD.remove(file);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing to do: a later start sees a stale file and takes it over
        }
    }
}
