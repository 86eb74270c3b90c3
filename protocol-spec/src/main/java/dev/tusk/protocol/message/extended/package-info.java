/** The extended query protocol: Parse, Bind, Describe, Execute, Close, Sync, Flush and their answers. */
package dev.tusk.protocol.message.extended;
