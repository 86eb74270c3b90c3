/** The simple query protocol: Query, RowDescription, DataRow, CommandComplete, EmptyQueryResponse, ReadyForQuery, Terminate. */
package dev.tusk.protocol.message.simple;
