package dev.tusk.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL's lexical rules, token by token. */
class LexerTest {
    private static List<String> values(String sql) {
        return Lexer.tokenize(sql).stream().map(t -> t.type() + ":" + t.value()).toList();
    }

    @Test
    void stringsInEveryForm() {
        assertEquals(List.of("STRING:it's"), values("'it''s'"));
        assertEquals(List.of("STRING:a\tb\n\u00e9"), values("E'a\\tb\\n\\u00e9'"));
        assertEquals(List.of("STRING:ab"), values("'a'\n'b'"), "adjacent literals on separate lines concatenate");
        assertEquals(List.of("STRING:say 'hi' $x"), values("$tag$say 'hi' $x$tag$"));
        assertEquals(List.of("STRING:d\u0061ta"), values("U&'d\\0061ta'"));
        assertEquals(List.of("BIT_STRING:ff"), values("X'ff'"));
    }

    @Test
    void identifiersFoldUnlessQuoted() {
        assertEquals(List.of("IDENT:select", "QUOTED_IDENT:MyTable", "PUNCT:.", "IDENT:col"), values("SELECT \"MyTable\".Col"));
    }

    @Test
    void commentsParametersCastsAndOperators() {
        assertEquals(List.of("PARAM:1", "PUNCT:::", "IDENT:int", "OPERATOR:+", "NUMBER:2.5e3"),
                values("$1 /* a /* nested */ comment */ ::int -- trailing\n+ 2.5e3"));
        assertEquals(List.of("IDENT:a", "OPERATOR:=", "OPERATOR:-", "NUMBER:1"), values("a=-1"), "= then -, not =-");
        assertEquals(List.of("IDENT:a", "OPERATOR:<>", "IDENT:b"), values("a != b"));
        assertEquals(List.of("IDENT:d", "OPERATOR:->>", "STRING:k"), values("d->>'k'"));
    }

    @Test
    void unterminatedInputIsASyntaxErrorWithItsPosition() {
        SqlSyntaxException e = assertThrows(SqlSyntaxException.class, () -> Lexer.tokenize("select 'abc"));
        assertEquals(7, e.offset());
        assertThrows(SqlSyntaxException.class, () -> Lexer.tokenize("select /* never closed"));
        assertThrows(SqlSyntaxException.class, () -> Lexer.tokenize("select $$abc"));
    }
}
