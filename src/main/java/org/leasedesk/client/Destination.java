package org.leasedesk.client;

import java.net.Inet4Address;
import java.util.Objects;

/** Where a client message goes: the limited broadcast address, or one server. */
public sealed interface Destination {

    /** 255.255.255.255 on the server port: every server on the link hears it. */
    record Broadcast() implements Destination {
        @Override
        public String toString() {
            return "broadcast";
        }
    }

    /** One server, such as the leasing server in RENEWING or the target of a RELEASE. */
    record Unicast(Inet4Address server) implements Destination {
        public Unicast {
            Objects.requireNonNull(server, "server");
        }

        @Override
        public String toString() {
            return "unicast to " + server.getHostAddress();
        }
    }

    Destination BROADCAST = new Broadcast();
}
