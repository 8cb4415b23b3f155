package org.leasedesk.report;

/** Thrown by a parser as soon as it sees the file is not of its format; becomes {@link ImportOutcome.Rejected}. */
final class NotThisFormatException extends Exception {

    NotThisFormatException(String reason) {
        super(reason, null, false, false);
    }
}
