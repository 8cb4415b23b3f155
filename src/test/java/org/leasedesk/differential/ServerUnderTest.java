package org.leasedesk.differential;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.server.ServerInNamespace;
import org.leasedesk.testing.netns.BackgroundProcess;

/** One of the two servers compared: started on a configuration with a fresh lease store, stopped after a group. */
sealed interface ServerUnderTest permits ServerUnderTest.Kea, ServerUnderTest.LeaseDesk {

    String name();

    /**
     * Starts serving {@code configJson} on the topology's server interface with no leases.
     *
     * @param run a short name for this run's files in the lab directory
     * @throws StartFailure when the server refuses the configuration or cannot serve
     */
    Running start(Topology topology, String configJson, String run) throws StartFailure;

    /** A started server. */
    interface Running extends AutoCloseable {
        /** Its log so far, for a report; empty when it logs elsewhere. */
        String log();

        @Override
        void close();
    }

    /** The server did not start: its own words. */
    final class StartFailure extends Exception {
        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Kea 2.2 (kea-dhcp4 from Debian) with its default raw sockets, started and killed per group. */
    record Kea() implements ServerUnderTest {

        private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

        @Override
        public String name() {
            return "Kea 2.2";
        }

        @Override
        public Running start(Topology topology, String configJson, String run) throws StartFailure {
            Path config = topology.lab().writeFile("kea-" + run + ".json", configJson);
            String labDirectory = topology.lab().directory().toString();
            // Kea's pid and lock files default to /run/kea, shared with a Kea the host may run.
            BackgroundProcess process = topology.server().start("env", "KEA_PIDFILE_DIR=" + labDirectory,
                    "KEA_LOCKFILE_DIR=" + labDirectory, "kea-dhcp4", "-c", config.toString());
            Running running = new Running() {
                @Override
                public String log() {
                    return process.output();
                }

                @Override
                public void close() {
                    // Kea takes 2 s to stop on TERM (its receive loop wakes once a second); its leases are
                    // written as they change and the next group starts from a new file, so KILL is safe.
                    ProcessHandle.of(process.pid()).ifPresent(handle -> {
                        handle.destroyForcibly();
                        handle.onExit().completeOnTimeout(handle, 10, TimeUnit.SECONDS).join();
                    });
                }
            };
            try {
                process.awaitOutput("DHCP4_STARTED", START_TIMEOUT);
            } catch (IllegalStateException e) {
                running.close();
                throw new StartFailure("kea-dhcp4 did not start on " + config + ": " + e.getMessage(), e);
            }
            return running;
        }
    }

    /** LeaseDesk's server, in this JVM, its socket in the server namespace, with a fresh H2 file. */
    record LeaseDesk() implements ServerUnderTest {

        @Override
        public String name() {
            return "LeaseDesk";
        }

        @Override
        public Running start(Topology topology, String configJson, String run) throws StartFailure {
            ServerInNamespace server;
            try {
                server = ServerInNamespace.start(topology.server(), configJson, topology.lab().file("leasedesk-" + run),
                        Ipv4Address.of(Topology.SERVER), Topology.SERVER_INTERFACE);
            } catch (Exception e) {
                throw new StartFailure("LeaseDesk did not start: " + e.getMessage(), e);
            }
            return new Running() {
                @Override
                public String log() {
                    return "";
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        }
    }
}
