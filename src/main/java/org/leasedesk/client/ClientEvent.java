package org.leasedesk.client;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.leasedesk.protocol.DhcpMessage;

/** Everything that moves the {@link ClientStateMachine}: commands, packets, timers and the address check. */
public sealed interface ClientEvent {

    /** Obtain a lease: INIT-REBOOT with a remembered lease that has not expired, else INIT. */
    record Start() implements ClientEvent {
    }

    /** Renew now (the admin's Renew button); starts the client when it is idle. */
    record Renew() implements ClientEvent {
    }

    /** Give the lease back with a RELEASE and stop. */
    record Release() implements ClientEvent {
    }

    /** Ask for configuration only, for a host whose address was set by hand (RFC 2131 3.4). */
    record Inform(Inet4Address address) implements ClientEvent {
        public Inform {
            Objects.requireNonNull(address, "address");
        }
    }

    /** Stop without telling any server; the lease is remembered for INIT-REBOOT. */
    record Stop() implements ClientEvent {
    }

    record PacketReceived(DhcpMessage message, InetSocketAddress source) implements ClientEvent {
        public PacketReceived {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(source, "source");
        }
    }

    record TimerFired(ClientTimer timer) implements ClientEvent {
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** The answer to {@link ClientAction.CheckForConflict}. */
    record ConflictChecked(ConflictCheckResult result) implements ClientEvent {
        public ConflictChecked {
            Objects.requireNonNull(result, "result");
        }
    }
}
