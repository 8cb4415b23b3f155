package org.leasedesk.platform;

/**
 * An operating-system operation that could not be done, with one sentence a person can act on
 * ("dhclient -r eth0 exited with 2: ..."), never a stack trace for the user.
 */
public final class PlatformException extends RuntimeException {

    public PlatformException(String sentence) {
        super(sentence);
    }

    public PlatformException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
