package org.leasedesk.server;

/** The server could not start; the message says what to do about it in one sentence. */
public final class ServerStartException extends Exception {

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
