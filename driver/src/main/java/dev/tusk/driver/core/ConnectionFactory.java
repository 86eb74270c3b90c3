package dev.tusk.driver.core;

import dev.tusk.driver.DriverProperty;
import dev.tusk.driver.ServerErrorMessage;
import dev.tusk.driver.TuskSQLException;
import dev.tusk.driver.TuskUrl;
import dev.tusk.driver.TuskUrl.HostSpec;
import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.Messages;
import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.auth.AuthenticationCleartextPassword;
import dev.tusk.protocol.message.auth.AuthenticationMD5Password;
import dev.tusk.protocol.message.auth.AuthenticationOk;
import dev.tusk.protocol.message.auth.AuthenticationSASL;
import dev.tusk.protocol.message.auth.AuthenticationSASLContinue;
import dev.tusk.protocol.message.auth.AuthenticationSASLFinal;
import dev.tusk.protocol.message.auth.PasswordMessage;
import dev.tusk.protocol.message.auth.SaslInitialResponse;
import dev.tusk.protocol.message.auth.SaslResponse;
import dev.tusk.protocol.message.startup.BackendKeyData;
import dev.tusk.protocol.message.startup.SslRequest;
import dev.tusk.protocol.message.startup.StartupMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;

/**
 * Opens a {@link ProtocolConnection}: for each host of the URL in turn (or shuffled with
 * loadBalanceHosts) the socket, SSLRequest as sslmode says, StartupMessage, the authentication the
 * server asks for, and then targetServerType's check; cf. libpq's PQconnectPoll.
 */
public final class ConnectionFactory {
    private ConnectionFactory() {
    }

    public static ProtocolConnection open(TuskUrl url) throws SQLException {
        Properties props = url.properties();
        List<HostSpec> hosts = new ArrayList<>(url.hosts());
        if (DriverProperty.LOAD_BALANCE_HOSTS.getBoolean(props)) {
            Collections.shuffle(hosts);
        }
        String target = DriverProperty.TARGET_SERVER_TYPE.get(props);
        List<ProtocolConnection> fallbacks = new ArrayList<>();
        SQLException last = null;
        for (HostSpec host : hosts) {
            ProtocolConnection c;
            try {
                c = openOne(host, url);
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                    throw e; // a wrong password is wrong on every host
                }
                last = e;
                continue;
            }
            boolean primary = isPrimary(c);
            switch (target) {
                case "primary": case "master":
                    if (primary) {
                        return closeAll(fallbacks, c);
                    }
                    break;
                case "secondary":
                    if (!primary) {
                        return closeAll(fallbacks, c);
                    }
                    break;
                case "preferSecondary":
                    if (!primary) {
                        return closeAll(fallbacks, c);
                    }
                    fallbacks.add(c);
                    continue;
                case "preferPrimary":
                    if (primary) {
                        return closeAll(fallbacks, c);
                    }
                    fallbacks.add(c);
                    continue;
                default:
                    return c;
            }
            c.close();
            last = new SQLNonTransientConnectionException("server " + host + " is not a " + target + " server", "08001");
        }
        if (!fallbacks.isEmpty()) {
            ProtocolConnection first = fallbacks.remove(0);
            return closeAll(fallbacks, first);
        }
        throw last != null ? last : new SQLNonTransientConnectionException("no host to connect to", "08001");
    }

    private static ProtocolConnection closeAll(List<ProtocolConnection> others, ProtocolConnection keep) {
        others.forEach(ProtocolConnection::close);
        return keep;
    }

    /** A hot standby reports in_hot_standby=on (PostgreSQL 14+); servers without it are primaries. */
    private static boolean isPrimary(ProtocolConnection c) {
        return !"on".equals(c.parameter("in_hot_standby"));
    }

    private static ProtocolConnection openOne(HostSpec host, TuskUrl url) throws SQLException {
        Properties props = url.properties();
        String socketDir = DriverProperty.SOCKET_DIRECTORY.get(props);
        PgSocket.Target target = socketDir != null
                ? () -> PgSocket.unix(Path.of(socketDir), host.port())
                : () -> PgSocket.tcp(host, props);
        PgSocket socket;
        try {
            socket = target.open();
        } catch (IOException e) {
            throw new SQLNonTransientConnectionException("Connection to " + host + " refused: " + e.getMessage(), "08001", e);
        }
        try {
            if (socketDir == null) {
                socket = Tls.negotiate(socket, host, props);
            }
            return startup(socket, target, url);
        } catch (IOException e) {
            socket.close();
            throw new SQLNonTransientConnectionException("could not connect to " + host + ": " + e.getMessage(), "08001", e);
        } catch (SQLException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static ProtocolConnection startup(PgSocket socket, PgSocket.Target target, TuskUrl url)
            throws IOException, SQLException {
        Properties props = url.properties();
        String user = DriverProperty.USER.get(props);
        if (user == null) {
            user = System.getProperty("user.name");
        }
        PgConnectionIO io = new PgConnectionIO(socket.in(), socket.out());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", user);
        params.put("database", url.database());
        params.put("client_encoding", "UTF8");
        params.put("DateStyle", "ISO");
        params.put("extra_float_digits", "3");
        params.put("TimeZone", TimeZone.getDefault().getID());
        params.put("application_name", DriverProperty.APPLICATION_NAME.get(props));
        String schema = DriverProperty.CURRENT_SCHEMA.get(props);
        if (schema != null) {
            params.put("search_path", schema);
        }
        String options = DriverProperty.OPTIONS.get(props);
        if (options != null) {
            params.put("options", options);
        }
        int version = "3.2".equals(DriverProperty.PROTOCOL_VERSION.get(props))
                ? StartupMessage.PROTOCOL_3_2 : StartupMessage.PROTOCOL_3_0;
        new StartupMessage(version, params).encode(io.writer());
        io.flush();
        authenticate(io, socket, user, props);
        Map<String, String> status = new HashMap<>();
        int pid = 0;
        byte[] secret = new byte[0];
        while (true) {
            BackendMessage t = io.readBackend();
            if (t == null) {
                throw new IOException("the server closed the connection during startup");
            }
            PgMessage m = Messages.decodeBackend(t, io.body());
            switch (t) {
                case PARAMETER_STATUS: {
                    var p = (dev.tusk.protocol.message.async.ParameterStatus) m;
                    status.put(p.name(), p.value());
                    break;
                }
                case BACKEND_KEY_DATA:
                    pid = ((BackendKeyData) m).processId();
                    secret = ((BackendKeyData) m).secretKey();
                    break;
                case ERROR_RESPONSE:
                    throw TuskSQLException.of(new ServerErrorMessage(((ErrorResponse) m).fields()));
                case READY_FOR_QUERY:
                    ProtocolConnection.ServerKey key = new ProtocolConnection.ServerKey(target, pid, secret);
                    return new ProtocolConnection(socket, io, url.database(), user, key, status);
                default:
                    break; // NoticeResponse, NegotiateProtocolVersion: nothing to do
            }
        }
    }

    private static void authenticate(PgConnectionIO io, PgSocket socket, String user, Properties props)
            throws IOException, SQLException {
        String password = DriverProperty.PASSWORD.get(props);
        ScramClient scram = null;
        while (true) {
            BackendMessage t = io.readBackend();
            if (t == null) {
                throw new IOException("the server closed the connection during authentication");
            }
            if (t == BackendMessage.NEGOTIATE_PROTOCOL_VERSION) {
                continue;
            }
            PgMessage m = Messages.decodeBackend(t, io.body());
            if (m instanceof ErrorResponse e) {
                throw TuskSQLException.of(new ServerErrorMessage(e.fields()));
            }
            PgWriter w = io.writer();
            if (m instanceof AuthenticationOk) {
                return;
            } else if (m instanceof AuthenticationCleartextPassword) {
                new PasswordMessage(requirePassword(password)).encode(w);
            } else if (m instanceof AuthenticationMD5Password md5) {
                new PasswordMessage(md5(user, requirePassword(password), md5.salt())).encode(w);
            } else if (m instanceof AuthenticationSASL sasl) {
                String binding = DriverProperty.CHANNEL_BINDING.get(props);
                byte[] endPoint = Tls.serverEndPoint(socket);
                boolean plus = sasl.mechanisms().contains("SCRAM-SHA-256-PLUS") && endPoint != null && !"disable".equals(binding);
                if ("require".equals(binding) && !plus) {
                    throw new SQLNonTransientConnectionException("channel binding is required, but the server did not offer it", "08004");
                }
                if (!plus && !sasl.mechanisms().contains("SCRAM-SHA-256")) {
                    throw new SQLNonTransientConnectionException("none of the server's SASL authentication mechanisms are supported: "
                            + sasl.mechanisms(), "08004");
                }
                scram = new ScramClient(requirePassword(password), endPoint != null && !"disable".equals(binding), plus ? endPoint : null);
                new SaslInitialResponse(plus ? "SCRAM-SHA-256-PLUS" : "SCRAM-SHA-256", scram.clientFirst()).encode(w);
            } else if (m instanceof AuthenticationSASLContinue cont && scram != null) {
                try {
                    new SaslResponse(scram.clientFinal(cont.data())).encode(w);
                } catch (ScramClient.AuthenticationFailure e) {
                    throw new SQLNonTransientConnectionException(e.getMessage(), "08P01");
                }
            } else if (m instanceof AuthenticationSASLFinal fin && scram != null) {
                try {
                    scram.verifyServerFinal(fin.data());
                } catch (ScramClient.AuthenticationFailure e) {
                    throw new SQLNonTransientConnectionException(e.getMessage(), "08P01");
                }
                continue;
            } else {
                throw new SQLNonTransientConnectionException("The authentication type " + m.getClass().getSimpleName()
                        + " is not supported.", "08004");
            }
            io.flush();
        }
    }

    private static String requirePassword(String password) throws SQLException {
        if (password == null) {
            throw new SQLNonTransientConnectionException(
                    "The server requested password-based authentication, but no password was provided.", "08004");
        }
        return password;
    }

    /** "md5" + md5(md5(password + user) + salt), as libpq's pg_md5_encrypt twice. */
    static String md5(String user, String password, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            String inner = HexFormat.of().formatHex(md.digest((password + user).getBytes(StandardCharsets.UTF_8)));
            md.update(inner.getBytes(StandardCharsets.US_ASCII));
            md.update(salt);
            return "md5" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sslRequest(PgConnectionIO io) throws IOException {
        new SslRequest().encode(io.writer());
        io.flush();
    }
}
