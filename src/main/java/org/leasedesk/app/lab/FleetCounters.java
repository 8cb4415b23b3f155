package org.leasedesk.app.lab;

/**
 * What the simulated fleet has done since it started.
 *
 * @param doraCompleted DISCOVER-OFFER-REQUEST-ACK exchanges that ended with a lease kept
 * @param renewals renewals the server acknowledged
 * @param releases leases the fleet gave back
 * @param declines ACKed addresses the fleet declined (the server then holds them in probation)
 * @param naks NAKs received
 * @param timeouts exchanges the server did not answer in time (a full pool answers no DISCOVER)
 * @param bound clients holding a lease now
 */
public record FleetCounters(long doraCompleted, long renewals, long releases, long declines, long naks, long timeouts, int bound) {

    public static final FleetCounters NONE = new FleetCounters(0, 0, 0, 0, 0, 0, 0);
}
