package org.leasedesk.server;

import java.net.SocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.server.transport.Arrival;

/**
 * Received packets waiting for the packet thread, with DISCOVERs behind everything else.
 *
 * <p>Under overload a REQUEST finishes an exchange the server already invested an OFFER in, while
 * a DISCOVER starts a new one; serving REQUESTs first, and shedding DISCOVERs first when full,
 * completes more exchanges per second than first come, first served. DISCOVERs get half the room.
 */
final class InboundQueue {

    /** A datagram, who sent it, and how it arrived. */
    record Received(byte[] bytes, SocketAddress source, Arrival arrival) {}

    private final BlockingQueue<Received> others;
    private final BlockingQueue<Received> discovers;
    /** One permit per queued packet, so the packet thread can wait on both queues at once. */
    private final Semaphore waiting = new Semaphore(0);

    InboundQueue(int capacity) {
        this.others = new ArrayBlockingQueue<>(capacity);
        this.discovers = new ArrayBlockingQueue<>(Math.max(1, capacity / 2));
    }

    /** Queues a packet; false when its queue is full and it must be shed. */
    boolean offer(byte[] bytes, SocketAddress source, Arrival arrival) {
        boolean queued = (DhcpCodec.isDiscover(bytes) ? discovers : others).offer(new Received(bytes, source, arrival));
        if (queued) {
            waiting.release();
        }
        return queued;
    }

    /** The oldest non-DISCOVER if any, else the oldest DISCOVER; null if none arrives within the timeout. */
    Received poll(long timeout, TimeUnit unit) throws InterruptedException {
        if (!waiting.tryAcquire(timeout, unit)) {
            return null;
        }
        Received next = others.poll();
        return next != null ? next : discovers.poll();
    }

    boolean isEmpty() {
        return waiting.availablePermits() == 0;
    }
}
