package dev.tusk.protocol.message;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.async.NoticeResponse;
import dev.tusk.protocol.message.async.NotificationResponse;
import dev.tusk.protocol.message.async.ParameterStatus;
import dev.tusk.protocol.message.auth.Authentication;
import dev.tusk.protocol.message.auth.GssResponse;
import dev.tusk.protocol.message.auth.PasswordMessage;
import dev.tusk.protocol.message.auth.SaslInitialResponse;
import dev.tusk.protocol.message.auth.SaslResponse;
import dev.tusk.protocol.message.copy.CopyBothResponse;
import dev.tusk.protocol.message.copy.CopyData;
import dev.tusk.protocol.message.copy.CopyDone;
import dev.tusk.protocol.message.copy.CopyFail;
import dev.tusk.protocol.message.copy.CopyInResponse;
import dev.tusk.protocol.message.copy.CopyOutResponse;
import dev.tusk.protocol.message.extended.Bind;
import dev.tusk.protocol.message.extended.BindComplete;
import dev.tusk.protocol.message.extended.Close;
import dev.tusk.protocol.message.extended.CloseComplete;
import dev.tusk.protocol.message.extended.Describe;
import dev.tusk.protocol.message.extended.Execute;
import dev.tusk.protocol.message.extended.Flush;
import dev.tusk.protocol.message.extended.NoData;
import dev.tusk.protocol.message.extended.ParameterDescription;
import dev.tusk.protocol.message.extended.Parse;
import dev.tusk.protocol.message.extended.ParseComplete;
import dev.tusk.protocol.message.extended.PortalSuspended;
import dev.tusk.protocol.message.extended.Sync;
import dev.tusk.protocol.message.fastpath.FunctionCall;
import dev.tusk.protocol.message.fastpath.FunctionCallResponse;
import dev.tusk.protocol.message.simple.CommandComplete;
import dev.tusk.protocol.message.simple.DataRow;
import dev.tusk.protocol.message.simple.EmptyQueryResponse;
import dev.tusk.protocol.message.simple.Query;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.simple.RowDescription;
import dev.tusk.protocol.message.simple.Terminate;
import dev.tusk.protocol.message.startup.BackendKeyData;
import dev.tusk.protocol.message.startup.NegotiateProtocolVersion;

/**
 * Decodes any typed message into its record: the one table from type to codec, for code that wants
 * values rather than a hand-written switch of its own (the driver, the wire-capture tests).
 * The server's message loop decodes in its own dispatch, one record per case.
 */
public final class Messages {
    /** Which 'p' message a frontend is expected to send, known from the authentication in progress. */
    public enum AuthResponseKind { PASSWORD, SASL_INITIAL, SASL, GSS }

    private Messages() {
    }

    public static PgMessage decodeFrontend(FrontendMessage type, PgReader r, AuthResponseKind authKind) {
        switch (type) {
            case BIND: return Bind.decode(r);
            case CLOSE: return Close.decode(r);
            case COPY_DATA: return CopyData.decode(r);
            case COPY_DONE: return CopyDone.decode(r);
            case COPY_FAIL: return CopyFail.decode(r);
            case DESCRIBE: return Describe.decode(r);
            case EXECUTE: return Execute.decode(r);
            case FLUSH: return Flush.decode(r);
            case FUNCTION_CALL: return FunctionCall.decode(r);
            case PARSE: return Parse.decode(r);
            case QUERY: return Query.decode(r);
            case SYNC: return Sync.decode(r);
            case TERMINATE: return Terminate.decode(r);
            case AUTH_RESPONSE:
                switch (authKind) {
                    case SASL_INITIAL: return SaslInitialResponse.decode(r);
                    case SASL: return SaslResponse.decode(r);
                    case GSS: return GssResponse.decode(r);
                    default: return PasswordMessage.decode(r);
                }
            default: throw new AssertionError(type);
        }
    }

    public static PgMessage decodeBackend(BackendMessage type, PgReader r) {
        switch (type) {
            case AUTHENTICATION: return Authentication.decode(r);
            case BACKEND_KEY_DATA: return BackendKeyData.decode(r);
            case BIND_COMPLETE: return BindComplete.decode(r);
            case CLOSE_COMPLETE: return CloseComplete.decode(r);
            case COMMAND_COMPLETE: return CommandComplete.decode(r);
            case COPY_DATA: return CopyData.decode(r);
            case COPY_DONE: return CopyDone.decode(r);
            case COPY_IN_RESPONSE: return CopyInResponse.decode(r);
            case COPY_OUT_RESPONSE: return CopyOutResponse.decode(r);
            case COPY_BOTH_RESPONSE: return CopyBothResponse.decode(r);
            case DATA_ROW: return DataRow.decode(r);
            case EMPTY_QUERY_RESPONSE: return EmptyQueryResponse.decode(r);
            case ERROR_RESPONSE: return ErrorResponse.decode(r);
            case FUNCTION_CALL_RESPONSE: return FunctionCallResponse.decode(r);
            case NEGOTIATE_PROTOCOL_VERSION: return NegotiateProtocolVersion.decode(r);
            case NO_DATA: return NoData.decode(r);
            case NOTICE_RESPONSE: return NoticeResponse.decode(r);
            case NOTIFICATION_RESPONSE: return NotificationResponse.decode(r);
            case PARAMETER_DESCRIPTION: return ParameterDescription.decode(r);
            case PARAMETER_STATUS: return ParameterStatus.decode(r);
            case PARSE_COMPLETE: return ParseComplete.decode(r);
            case PORTAL_SUSPENDED: return PortalSuspended.decode(r);
            case READY_FOR_QUERY: return ReadyForQuery.decode(r);
            case ROW_DESCRIPTION: return RowDescription.decode(r);
            default: throw new AssertionError(type);
        }
    }
}
