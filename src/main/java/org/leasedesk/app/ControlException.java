package org.leasedesk.app;

/**
 * A release, renew or scan that could not be done, with one sentence for the admin: missing
 * privileges, an unknown interface, a client that refused, a server that never answered.
 */
public final class ControlException extends RuntimeException {

    public ControlException(String sentence) {
        super(sentence);
    }

    public ControlException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
