/** The legacy fast-path function call (FunctionCall, FunctionCallResponse). */
package dev.tusk.protocol.message.fastpath;
