/** ErrorResponse, NoticeResponse, NotificationResponse and ParameterStatus: what a backend may send between or during commands, and the error field codes. */
package dev.tusk.protocol.message.async;
