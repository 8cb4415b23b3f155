package org.leasedesk.platform;

import java.util.Optional;

/**
 * The DHCP client that manages an interface, driven from LeaseDesk: release, renew, and read back
 * the lease it holds. One implementation per client program or operating system; which one
 * applies is decided from {@link DhcpOwnership} by {@link DhcpBackends}.
 */
public interface DhcpBackend {

    /** The client as an admin would name it, such as "dhclient". */
    String name();

    /**
     * What {@link #release} really does, in a sentence for the button's tooltip: backends without
     * a true release say what they do instead.
     */
    String releaseDescription();

    /** What {@link #renew} really does, likewise. */
    String renewDescription();

    /** @throws PlatformException with one sentence when the client refuses or cannot be reached */
    OperationOutcome release(InterfaceName interfaceName);

    /** @throws PlatformException with one sentence when the client refuses or cannot be reached */
    OperationOutcome renew(InterfaceName interfaceName);

    /** The lease the client holds now, or empty when it holds none or cannot say. */
    Optional<BackendLease> currentLease(InterfaceName interfaceName);
}
