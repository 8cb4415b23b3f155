package org.leasedesk.server;

import org.leasedesk.lease.LeaseEvent;

/**
 * What the server tells its observers (the desktop's dashboard, the CLI). Called on the server's
 * own threads: implementations hand work to their own thread and return at once.
 */
public interface ServerListener {

    /** A lease change the store has committed (granted, renewed, released, declined, expired, reclaimed). */
    default void leaseChanged(LeaseEvent event) {}

    /** Something an admin must hear about at once, such as a failed commit. */
    default void alarm(LeaseEvent alarm) {}

    ServerListener NONE = new ServerListener() {};
}
