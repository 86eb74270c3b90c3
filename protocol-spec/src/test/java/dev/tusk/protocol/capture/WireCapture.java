package dev.tusk.protocol.capture;

import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The tool that captured the byte vectors under src/test/resources/vectors: a TCP proxy between a
 * real client and a real PostgreSQL 15 that writes every message, in each direction, as one line
 * {@code F <hex>} or {@code B <hex>} (startup packets and the one-byte SSL answer included). It frames
 * messages itself, by the protocol's rules, so that the codec under test does not judge its own input.
 *
 * <p>Usage: {@code java WireCapture LISTEN_PORT PG_HOST PG_PORT OUT_FILE}; it serves connections one
 * after another, appending to OUT_FILE, until killed.
 */
public final class WireCapture {
    private WireCapture() {
    }

    public static void main(String[] args) throws IOException {
        int listen = Integer.parseInt(args[0]);
        Path out = Path.of(args[3]);
        try (ServerSocket ss = new ServerSocket(listen)) {
            while (true) {
                try (Socket client = ss.accept(); Socket server = new Socket(args[1], Integer.parseInt(args[2]));
                     BufferedWriter log = Files.newBufferedWriter(out, StandardCharsets.US_ASCII,
                             java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                    log.write("# connection\n");
                    InputStream fromServer = server.getInputStream();
                    Thread back = new Thread(() -> pump(fromServer, client, 'B', log, false));
                    back.start();
                    pump(client.getInputStream(), server, 'F', log, true);
                    back.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void pump(InputStream in, Socket to, char direction, BufferedWriter log, boolean frontend) {
        try {
            DataInputStream d = new DataInputStream(in);
            OutputStream out = to.getOutputStream();
            boolean startup = frontend;
            while (true) {
                byte[] msg;
                if (startup) {
                    int len = d.readInt();
                    msg = new byte[len];
                    msg[0] = (byte) (len >>> 24);
                    msg[1] = (byte) (len >>> 16);
                    msg[2] = (byte) (len >>> 8);
                    msg[3] = (byte) len;
                    d.readFully(msg, 4, len - 4);
                    int code = ((msg[4] & 0xff) << 24) | ((msg[5] & 0xff) << 16) | ((msg[6] & 0xff) << 8) | (msg[7] & 0xff);
                    startup = code == 80877103 || code == 80877104; // SSL/GSS request: another startup packet follows
                } else {
                    int type = d.read();
                    if (type < 0) {
                        break;
                    }
                    if (!frontend && pendingSslAnswer) {
                        pendingSslAnswer = false;
                        msg = new byte[] {(byte) type};
                    } else {
                        int len = d.readInt();
                        msg = new byte[len + 1];
                        msg[0] = (byte) type;
                        msg[1] = (byte) (len >>> 24);
                        msg[2] = (byte) (len >>> 16);
                        msg[3] = (byte) (len >>> 8);
                        msg[4] = (byte) len;
                        d.readFully(msg, 5, len - 4);
                    }
                }
                if (frontend && msg.length == 8 && msg[3] == 8 && msg[4] == 0x04 && msg[5] == (byte) 0xd2) {
                    pendingSslAnswer = true;
                }
                synchronized (log) {
                    log.write(direction + " " + HexFormat.of().formatHex(msg) + "\n");
                    log.flush();
                }
                out.write(msg);
                out.flush();
            }
        } catch (EOFException e) {
            // connection ended
        } catch (IOException e) {
            // connection ended
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static volatile boolean pendingSslAnswer;
}
