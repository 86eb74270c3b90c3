package dev.tusk.protocol;

import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.async.NoticeResponse;
import dev.tusk.protocol.message.async.NotificationResponse;
import dev.tusk.protocol.message.async.ParameterStatus;
import dev.tusk.protocol.message.auth.*;
import dev.tusk.protocol.message.copy.*;
import dev.tusk.protocol.message.extended.*;
import dev.tusk.protocol.message.fastpath.FunctionCall;
import dev.tusk.protocol.message.fastpath.FunctionCallResponse;
import dev.tusk.protocol.message.simple.*;
import dev.tusk.protocol.message.startup.*;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One value of every message, with non-trivial contents (NULLs, non-ASCII text, empty lists). */
final class SampleMessages {
    private static Map<Character, String> fields() {
        Map<Character, String> f = new LinkedHashMap<>();
        f.put('S', "ERROR");
        f.put('C', "42P01");
        f.put('M', "relation \"zoë\" does not exist");
        f.put('P', "15");
        return f;
    }

    static final List<PgMessage> ALL = List.of(
            new StartupMessage(StartupMessage.PROTOCOL_3_2, Map.of("user", "tusk", "database", "db")),
            new SslRequest(), new GssEncRequest(),
            new CancelRequest(1234, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
            new AuthenticationOk(), new AuthenticationKerberosV5(), new AuthenticationCleartextPassword(),
            new AuthenticationMD5Password(new byte[] {9, 8, 7, 6}), new AuthenticationGSS(),
            new AuthenticationGSSContinue(new byte[] {1, 2}), new AuthenticationSSPI(),
            new AuthenticationSASL(List.of("SCRAM-SHA-256", "SCRAM-SHA-256-PLUS")),
            new AuthenticationSASLContinue("r=abc,s=xyz,i=4096".getBytes()),
            new AuthenticationSASLFinal("v=sig".getBytes()),
            new PasswordMessage("md5abcdef"), new SaslInitialResponse("SCRAM-SHA-256", "n,,n=,r=abc".getBytes()),
            new SaslResponse("c=biws,r=abc,p=xyz".getBytes()), new GssResponse(new byte[] {0, 1}),
            new NegotiateProtocolVersion(2, List.of("_pq_.x")),
            new BackendKeyData(42, new byte[] {1, 2, 3, 4}),
            new ParameterStatus("TimeZone", "Europe/Zürich"),
            new ReadyForQuery(ReadyForQuery.FAILED), new Query("select 'é'"),
            new RowDescription(List.of(new RowDescription.Field("a", 0, 0, 23, 4, -1, 0),
                    new RowDescription.Field("b", 16384, 2, 25, -1, -1, 1))),
            new DataRow(new byte[][] {"1".getBytes(), null, new byte[0]}),
            new CommandComplete("INSERT 0 3"), EmptyQueryResponse.INSTANCE, Terminate.INSTANCE,
            new Parse("s1", "select $1::int", new int[] {23, 0}),
            new Bind("p1", "s1", new short[] {1}, new byte[][] {{0, 0, 0, 7}, null}, new short[] {0, 1}),
            new Describe(Describe.STATEMENT, "s1"), new Execute("p1", 100), new Close(Close.PORTAL, ""),
            Sync.INSTANCE, Flush.INSTANCE, ParseComplete.INSTANCE, BindComplete.INSTANCE, CloseComplete.INSTANCE,
            new ParameterDescription(new int[] {23, 25}), NoData.INSTANCE, PortalSuspended.INSTANCE,
            new CopyData(new byte[] {'1', '\t', 'a', '\n'}), CopyDone.INSTANCE, new CopyFail("aborted"),
            new CopyInResponse(0, new short[] {0, 0}), new CopyOutResponse(1, new short[] {1}),
            new CopyBothResponse(0, new short[0]),
            new ErrorResponse(fields()), new NoticeResponse(fields()),
            new NotificationResponse(99, "chan", "payload"),
            new FunctionCall(957, new short[] {1}, new byte[][] {{0, 0, 0, 1}, null}, 1),
            new FunctionCallResponse(null));

    private SampleMessages() {
    }
}
