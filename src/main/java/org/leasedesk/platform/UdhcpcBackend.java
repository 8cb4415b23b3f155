package org.leasedesk.platform;

import java.util.List;
import java.util.Optional;

/**
 * busybox udhcpc, which takes its commands as signals: SIGUSR1 renews, SIGUSR2 releases (and
 * udhcpc stays running, idle, until the next SIGUSR1). It keeps no lease file, so the lease cannot
 * be read back. The pid is the one {@link LinuxDhcpOwners} found; it is a number, never text.
 */
final class UdhcpcBackend extends CommandBackend {

    private final long pid;

    UdhcpcBackend(CommandRunner runner, long pid) {
        super(runner);
        if (pid < 1) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        this.pid = pid;
    }

    @Override
    public String name() {
        return "udhcpc";
    }

    @Override
    public String releaseDescription() {
        return "udhcpc is sent SIGUSR2: it sends a DHCPRELEASE and waits, without an address, until Renew.";
    }

    @Override
    public String renewDescription() {
        return "udhcpc is sent SIGUSR1: it renews its lease (or obtains one after a release).";
    }

    @Override
    List<List<String>> releaseCommands(InterfaceName interfaceName) {
        return List.of(List.of("kill", "-USR2", Long.toString(pid)));
    }

    @Override
    List<List<String>> renewCommands(InterfaceName interfaceName) {
        return List.of(List.of("kill", "-USR1", Long.toString(pid)));
    }

    @Override
    public Optional<BackendLease> currentLease(InterfaceName interfaceName) {
        return Optional.empty();
    }
}
