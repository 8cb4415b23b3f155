package org.leasedesk.platform;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Who manages DHCP on an interface, with the evidence for it (a process and its command line, or
 * the state file a network manager keeps), so the decision can be shown to the admin and checked.
 */
public record DhcpOwnership(DhcpOwner owner, OptionalLong pid, String evidence) {

    public DhcpOwnership {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(evidence, "evidence");
    }

    public static DhcpOwnership nobody() {
        return new DhcpOwnership(DhcpOwner.NONE, OptionalLong.empty(), "no DHCP client process or manager state found");
    }
}
