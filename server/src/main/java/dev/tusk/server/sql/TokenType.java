package dev.tusk.server.sql;

/** Kinds of PostgreSQL tokens (cf. scan.l). Keywords are IDENT; the parser tells them apart by value. */
public enum TokenType {
    /** Unquoted identifier or keyword, folded to lower case. */
    IDENT,
    /** "Quoted identifier", case kept. */
    QUOTED_IDENT,
    /** '...', E'...', U&'...', $tag$...$tag$ — value is the resolved string. */
    STRING,
    /** B'...' and X'...' bit-string constants. */
    BIT_STRING,
    /** Integer or decimal constant. */
    NUMBER,
    /** $n parameter placeholder; value is n. */
    PARAM,
    /** Operator: a run of + - * / < > = ~ ! @ # % ^ & | ` ? (with PostgreSQL's trailing +/- rule). */
    OPERATOR,
    /** ( ) [ ] , ; : :: . */
    PUNCT
}
