package org.leasedesk.server.transport;

import java.io.IOException;

/** Another socket holds the server's port: only one server may serve it. */
public final class PortInUseException extends IOException {

    private final int port;

    public PortInUseException(int port, Throwable cause) {
        super("UDP port " + port + " is already in use", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
