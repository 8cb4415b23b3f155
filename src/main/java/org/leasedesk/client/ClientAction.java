package org.leasedesk.client;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Objects;
import org.leasedesk.protocol.DhcpMessage;

/**
 * What the {@link ClientStateMachine} asks its driver to do. The driver carries out the first five
 * itself; {@link ClientNotice}s are outcomes it passes on to whoever listens (the platform applies
 * addresses, the UI shows state).
 */
public sealed interface ClientAction permits ClientAction.Send, ClientAction.ScheduleTimer, ClientAction.CancelTimer,
        ClientAction.CheckForConflict, ClientAction.BeginExchange, ClientAction.Note, ClientNotice {

    record Send(DhcpMessage message, Destination destination) implements ClientAction {
        public Send {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** Arms a timer, replacing one of the same kind. */
    record ScheduleTimer(ClientTimer timer, Duration delay) implements ClientAction {
        public ScheduleTimer {
            Objects.requireNonNull(timer, "timer");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a timer cannot fire in the past: " + delay);
            }
        }
    }

    record CancelTimer(ClientTimer timer) implements ClientAction {
        public CancelTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** Run the {@link AddressConflictCheck} and answer with {@link ClientEvent.ConflictChecked}. */
    record CheckForConflict(Inet4Address address) implements ClientAction {
        public CheckForConflict {
            Objects.requireNonNull(address, "address");
        }
    }

    /** A new transaction begins with a new xid: the exchange log starts a new exchange with this purpose. */
    record BeginExchange(String purpose, int xid) implements ClientAction {
        public BeginExchange {
            Objects.requireNonNull(purpose, "purpose");
        }
    }

    /** Something worth recording in the exchange besides packets, such as why an offer was ignored. */
    record Note(String text) implements ClientAction {
        public Note {
            Objects.requireNonNull(text, "text");
        }
    }
}
