package org.leasedesk.report;

import java.io.Closeable;
import java.io.IOException;

/**
 * One export being written: the format's preamble is out when it is opened, each row goes out as
 * it comes, and {@link #finish()} writes the rest. A document never keeps the rows it was given.
 *
 * @param <R> the row type
 */
interface TableDocument<R> extends Closeable {

    void row(R row) throws IOException;

    /** Completes the document; the output stream is flushed but left open for the caller to close. */
    void finish() throws IOException;

    /** Releases what the document holds besides the stream, finished or not. */
    @Override
    default void close() throws IOException {}
}
