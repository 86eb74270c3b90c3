package dev.tusk.driver;

/** A NOTIFY received on a channel this connection LISTENs to; pid is the notifying backend's. */
public record TuskNotification(int pid, String channel, String payload) {
}
