package org.leasedesk.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links of the calling thread's network namespace as {@code ip -o link show} lists them: name,
 * index, MAC and whether the link is up. Used where {@link java.net.NetworkInterface} cannot be
 * trusted: the JDK lists interfaces partly from /proc/net, which follows the process's main thread,
 * and leaves out interfaces without an IPv4 address, such as one waiting for DHCP.
 */
public final class LinuxLinks {

    /** One link; the MAC is empty for links without one (loopback shows zeros, tunnels none). */
    public record Link(InterfaceName name, int index, Optional<String> mac, boolean up) {
        public Link {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mac, "mac");
        }
    }

    /** {@code 2: cli0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 ... link/ether 00:00:5e:00:53:42 brd ...}. */
    private static final Pattern LINE = Pattern.compile("^(\\d+): ([^:@\\s]+)(?:@[^:\\s]+)?: <([^>]*)>.*$");
    private static final Pattern MAC = Pattern.compile("link/\\S+ ([0-9a-f]{2}(?::[0-9a-f]{2}){5})");

    private final CommandRunner runner;

    public LinuxLinks(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** @throws PlatformException when ip cannot run */
    public List<Link> list() {
        return parse(runner.run(List.of("ip", "-o", "link", "show"), Duration.ofSeconds(10)).orThrow().stdout());
    }

    public Optional<Link> find(String name) {
        return list().stream().filter(link -> link.name().value().equals(name)).findFirst();
    }

    static List<Link> parse(String output) {
        List<Link> links = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher match = LINE.matcher(line.strip());
            if (!match.matches()) {
                continue;
            }
            InterfaceName name;
            try {
                name = new InterfaceName(match.group(2));
            } catch (IllegalArgumentException unusual) {
                // A name we would refuse to pass to a command is not one we can manage either.
                continue;
            }
            Matcher hardware = MAC.matcher(line);
            Optional<String> mac = hardware.find() ? Optional.of(hardware.group(1)).filter(value -> !value.equals("00:00:00:00:00:00"))
                    : Optional.empty();
            boolean up = List.of(match.group(3).split(",")).contains("UP");
            links.add(new Link(name, Integer.parseInt(match.group(1)), mac, up));
        }
        return links;
    }
}
