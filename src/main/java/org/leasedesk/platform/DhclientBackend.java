package org.leasedesk.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.leasedesk.lease.Ipv4Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ISC dhclient. Release is {@code dhclient -r IF}: it sends a DHCPRELEASE, removes the address
 * and stops the running dhclient. dhclient has no renew command (a second dhclient would run
 * beside the first), so renew stops the running one without releasing ({@code dhclient -x IF};
 * its script removes the address for that moment) and starts it again, which asks for the address
 * it holds (INIT-REBOOT). Both use the pid, lease, configuration and script files the running
 * dhclient was started with, so they reach that dhclient and no other. The lease is the last
 * {@code lease { interface "IF"; ... }} block of its lease file.
 */
final class DhclientBackend extends CommandBackend {

    private static final Logger LOG = LoggerFactory.getLogger(DhclientBackend.class);
    /** Debian's default when dhclient runs without -lf. */
    static final Path DEFAULT_LEASE_FILE = Path.of("/var/lib/dhcp/dhclient.leases");
    /** File options worth passing on; their values are paths the running dhclient already uses. */
    private static final Set<String> FILE_OPTIONS = Set.of("-pf", "-lf", "-cf", "-sf");
    private static final DateTimeFormatter LEASE_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private final List<String> fileOptions;
    private final Path leaseFile;

    /** @param runningCommandLine the running dhclient's arguments (without the program), empty when none runs */
    DhclientBackend(CommandRunner runner, List<String> runningCommandLine) {
        super(runner);
        List<String> options = new ArrayList<>();
        Path lease = DEFAULT_LEASE_FILE;
        for (int i = 0; i + 1 < runningCommandLine.size(); i++) {
            String option = runningCommandLine.get(i);
            if (FILE_OPTIONS.contains(option)) {
                String path = runningCommandLine.get(i + 1);
                // Only absolute paths: a value we did not expect is not passed to another program.
                if (!path.startsWith("/") || path.contains("\0")) {
                    continue;
                }
                options.add(option);
                options.add(path);
                if (option.equals("-lf")) {
                    lease = Path.of(path);
                }
                i++;
            }
        }
        this.fileOptions = List.copyOf(options);
        this.leaseFile = lease;
    }

    @Override
    public String name() {
        return "dhclient";
    }

    @Override
    public String releaseDescription() {
        return "dhclient -r: dhclient sends a DHCPRELEASE, removes the address and stops.";
    }

    @Override
    public String renewDescription() {
        return "dhclient has no renew command: LeaseDesk stops it without releasing (dhclient -x) and starts it again,"
                + " which asks the server for the same address.";
    }

    @Override
    List<List<String>> releaseCommands(InterfaceName interfaceName) {
        return List.of(command(interfaceName, "-r"));
    }

    @Override
    List<List<String>> renewCommands(InterfaceName interfaceName) {
        return List.of(command(interfaceName, "-x"), command(interfaceName));
    }

    private List<String> command(InterfaceName interfaceName, String... flags) {
        List<String> command = new ArrayList<>(List.of("dhclient"));
        command.addAll(List.of(flags));
        command.addAll(fileOptions);
        command.add(interfaceName.value());
        return command;
    }

    Path leaseFile() {
        return leaseFile;
    }

    @Override
    public Optional<BackendLease> currentLease(InterfaceName interfaceName) {
        try {
            return parseLeaseFile(Files.readString(leaseFile), interfaceName.value());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read dhclient's lease file {}: {}", leaseFile, e.getMessage());
            return Optional.empty();
        }
    }

    /** The last lease block for the interface: dhclient appends, so the last one is current. */
    static Optional<BackendLease> parseLeaseFile(String text, String interfaceName) {
        Optional<BackendLease> last = Optional.empty();
        int at = 0;
        while (true) {
            int open = text.indexOf("lease {", at);
            if (open < 0) {
                return last;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                return last;
            }
            String block = text.substring(open + "lease {".length(), close);
            at = close + 1;
            Optional<BackendLease> lease = parseBlock(block, interfaceName);
            if (lease.isPresent()) {
                last = lease;
            }
        }
    }

    private static Optional<BackendLease> parseBlock(String block, String interfaceName) {
        String iface = null;
        Ipv4Address address = null;
        Optional<Ipv4Address> server = Optional.empty();
        Optional<Duration> leaseTime = Optional.empty();
        Optional<Duration> t1 = Optional.empty();
        Optional<Duration> t2 = Optional.empty();
        Optional<Instant> expires = Optional.empty();
        for (String raw : block.split(";")) {
            String statement = raw.strip();
            String[] words = statement.split("\\s+");
            try {
                switch (words[0]) {
                    case "interface" -> iface = statement.substring("interface".length()).strip().replace("\"", "");
                    case "fixed-address" -> address = Ipv4Address.parse(words[1]);
                    case "expire" -> expires = Optional.of(leaseTime(statement));
                    case "option" -> {
                        switch (words[1]) {
                            case "dhcp-server-identifier" -> server = Optional.of(Ipv4Address.parse(words[2]));
                            case "dhcp-lease-time" -> leaseTime = Optional.of(Duration.ofSeconds(Long.parseLong(words[2])));
                            case "dhcp-renewal-time" -> t1 = Optional.of(Duration.ofSeconds(Long.parseLong(words[2])));
                            case "dhcp-rebinding-time" -> t2 = Optional.of(Duration.ofSeconds(Long.parseLong(words[2])));
                            default -> {
                                // Options we do not show.
                            }
                        }
                    }
                    default -> {
                        // renew, rebind, medium, filename...: T1 and T2 come from the options.
                    }
                }
            } catch (RuntimeException unreadable) {
                // A statement that does not parse is skipped; the rest of the lease still counts.
                LOG.debug("skipping dhclient lease statement '{}': {}", statement, unreadable.getMessage());
            }
        }
        if (address == null || !interfaceName.equals(iface)) {
            return Optional.empty();
        }
        Optional<Duration> lifetime = leaseTime;
        Optional<Instant> obtained = expires.flatMap(end -> lifetime.map(end::minus));
        return Optional.of(new BackendLease(address, server, leaseTime, t1, t2, obtained, expires));
    }

    /** {@code expire 1 2026/11/23 14:46:05} in UTC (dhclient's default), or {@code expire epoch 1795000000 # ...}. */
    private static Instant leaseTime(String statement) {
        String[] words = statement.split("\\s+");
        if (words[1].equals("epoch")) {
            return Instant.ofEpochSecond(Long.parseLong(words[2]));
        }
        try {
            return LocalDateTime.parse(words[2] + " " + words[3], LEASE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("unreadable time: " + statement, e);
        }
    }
}
