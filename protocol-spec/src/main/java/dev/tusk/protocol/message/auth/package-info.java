/** The Authentication* requests (type 'R', told apart by their code) and the frontend's 'p' answers. */
package dev.tusk.protocol.message.auth;
