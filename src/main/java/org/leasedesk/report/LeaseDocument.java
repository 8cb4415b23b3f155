package org.leasedesk.report;

import java.io.Closeable;
import java.io.IOException;
import org.leasedesk.lease.Lease;

/**
 * One export being written: the format's preamble is out when it is opened, each row goes out as
 * it comes, and {@link #finish()} writes the rest. A document never keeps the rows it was given.
 */
interface LeaseDocument extends Closeable {

    void row(Lease lease) throws IOException;

    /** Completes the document; the output stream is flushed but left open for the caller to close. */
    void finish() throws IOException;

    /** Releases what the document holds besides the stream (scratch files), finished or not. */
    @Override
    default void close() throws IOException {}
}
