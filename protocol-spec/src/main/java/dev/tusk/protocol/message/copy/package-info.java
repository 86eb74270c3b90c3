/** The COPY sub-protocol: CopyIn/Out/BothResponse, CopyData, CopyDone, CopyFail. */
package dev.tusk.protocol.message.copy;
