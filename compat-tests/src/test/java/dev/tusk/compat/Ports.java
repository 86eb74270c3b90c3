package dev.tusk.compat;

import java.io.IOException;
import java.net.ServerSocket;

/** A free TCP port on the loopback interface. */
final class Ports {
    private Ports() {
    }

    static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
