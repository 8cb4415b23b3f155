package org.leasedesk.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.report.DhcpdTokens.Kind;
import org.leasedesk.report.DhcpdTokens.MalformedTokenException;
import org.leasedesk.report.DhcpdTokens.Token;

/**
 * Reads ISC dhcpd's {@code dhcpd.leases} (dhcpd.leases(5)): {@code lease A.B.C.D { ... }} blocks,
 * the last one for an address winning. Other top-level statements (server-duid,
 * authoring-byte-order, failover state, host declarations) are skipped, and so are statements in a
 * lease this model has no place for (ddns names, {@code on expiry} blocks, failover times).
 */
final class DhcpdLeaseParser {

    /** Top-level statements dhcpd writes besides leases; a file starting with anything else is not a lease file. */
    private static final Set<String> OTHER_STATEMENTS = Set.of("server-duid", "authoring-byte-order", "failover",
            "host", "group", "subgroup", "class", "subclass", "ia-na", "ia-ta", "ia-pd");

    /** The shortest lifetime the lease model allows, for leases that ended at their last transaction. */
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private final Path file;
    private final ImportOptions options;
    private DhcpdTokens tokens;
    private LeaseTable table;
    private boolean blockDamaged;

    DhcpdLeaseParser(Path file, ImportOptions options) {
        this.file = file;
        this.options = options;
    }

    static boolean isOtherStatement(String word) {
        return OTHER_STATEMENTS.contains(word);
    }

    /** Fields of one lease block as read; null where the block did not say. */
    private static final class Block {
        Instant starts;
        Instant ends;
        boolean endsNever;
        Instant cltt;
        LeaseState state = LeaseState.ACTIVE;
        HardwareAddress hardware = HardwareAddress.NONE;
        Octets uid = Octets.EMPTY;
        String hostname = "";
    }

    /** The file is read as ISO-8859-1 so quoted strings keep their bytes. */
    void readAll(Reader latin1, LeaseTable into) throws IOException, NotThisFormatException {
        tokens = new DhcpdTokens(latin1);
        table = into;
        boolean first = true;
        for (Token token = next(); token != null; token = next()) {
            if (token.kind() == Kind.WORD && token.text().equals("lease")) {
                readLease(token);
            } else if (token.kind() == Kind.WORD && OTHER_STATEMENTS.contains(token.text())) {
                skipStatement();
            } else if (first) {
                throw new NotThisFormatException(file + " is not an ISC dhcpd lease file: it should start with"
                        + " 'lease A.B.C.D {', a comment or server-duid, found '" + Printable.excerpt(token.text()) + "'");
            } else {
                table.problem(file, token.line(), "'" + Printable.excerpt(token.text()) + "' outside a lease block: skipped");
                skipStatement();
            }
            first = false;
        }
    }

    private void readLease(Token leaseWord) throws IOException {
        blockDamaged = false;
        Token addressToken = next();
        Token open = addressToken == null ? null : next();
        if (addressToken == null || open == null || open.kind() != Kind.OPEN) {
            table.problem(file, leaseWord.line(), "'lease' must be followed by an address and '{'");
            if (open != null && open.kind() != Kind.OPEN) {
                skipStatement();
            }
            return;
        }
        Block block = new Block();
        List<Token> statement = new ArrayList<>();
        String problem = null;
        for (Token token = next(); ; token = next()) {
            if (token == null) {
                table.problem(file, leaseWord.line(), "lease " + Printable.excerpt(addressToken.text())
                        + " is not closed with '}' before the end of the file (was the file cut short?)");
                return;
            }
            if (token.kind() == Kind.CLOSE) {
                break;
            }
            if (token.kind() == Kind.OPEN) {
                // A nested block such as "on expiry { ... }": nothing in it describes the lease as it is now.
                skipBlock();
                statement.clear();
            } else if (token.kind() == Kind.SEMICOLON) {
                if (problem == null && !statement.isEmpty()) {
                    problem = apply(statement, block);
                }
                statement.clear();
            } else {
                statement.add(token);
            }
        }
        if (problem == null && blockDamaged) {
            problem = "lease block holds a value that cannot be read";
        }
        if (problem == null) {
            problem = store(addressToken.text(), block);
        }
        if (problem != null) {
            table.problem(file, leaseWord.line(), "lease " + Printable.excerpt(addressToken.text()) + ": " + problem);
        }
    }

    /** Reads one statement into the block; returns what is wrong with it, or null. */
    private String apply(List<Token> statement, Block block) {
        String keyword = statement.getFirst().text();
        List<String> values = statement.subList(1, statement.size()).stream().map(Token::text).toList();
        try {
            switch (keyword) {
                case "starts" -> block.starts = time(values);
                case "cltt" -> block.cltt = time(values);
                case "ends" -> {
                    block.endsNever = values.equals(List.of("never"));
                    block.ends = block.endsNever ? null : time(values);
                }
                case "binding" -> block.state = bindingState(values);
                case "hardware" -> block.hardware = hardware(values);
                case "uid" -> block.uid = uid(values, statement.getLast().kind() == Kind.STRING);
                case "client-hostname" -> block.hostname = single(values, keyword).isEmpty() ? ""
                        : new String(single(values, keyword).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                default -> {
                    // tstp, tsfp, atsfp, next/rewind binding state, set, option, reserved, bootp: not part of the model
                }
            }
            return null;
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            return keyword + ": " + e.getMessage();
        }
    }

    private String store(String addressText, Block block) {
        if (block.starts == null && block.cltt == null) {
            return "neither starts nor cltt says when the lease began";
        }
        if (block.ends == null && !block.endsNever) {
            return "no ends time";
        }
        Instant cltt = block.cltt != null ? block.cltt : block.starts;
        Instant start = block.starts != null && block.starts.isBefore(cltt) ? block.starts : cltt;
        Duration lifetime;
        if (block.endsNever) {
            lifetime = Lease.MAX_LIFETIME;
        } else {
            // A lease that ended at its last transaction (released, freed) gets the shortest lifetime the model allows.
            lifetime = Duration.between(cltt, block.ends);
            lifetime = lifetime.compareTo(SHORTEST) < 0 ? SHORTEST
                    : lifetime.compareTo(Lease.MAX_LIFETIME) > 0 ? Lease.MAX_LIFETIME : lifetime;
        }
        try {
            table.put(new Lease(Ipv4Address.parse(addressText), block.hardware, block.uid, block.hostname,
                    options.defaultSubnetId(), 0, block.state, start, cltt, lifetime, RelayInfo.NONE));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** {@code W YYYY/MM/DD HH:MM:SS} in UTC, or {@code epoch N} (db-time-format local). */
    private static Instant time(List<String> values) {
        if (values.size() == 2 && values.get(0).equals("epoch")) {
            return Instant.ofEpochSecond(Long.parseLong(values.get(1)));
        }
        if (values.size() != 3) {
            throw new IllegalArgumentException("expected 'W YYYY/MM/DD HH:MM:SS', 'epoch N' or 'never', found '"
                    + Printable.excerpt(String.join(" ", values)) + "'");
        }
        int weekday = Integer.parseInt(values.get(0));
        if (weekday < 0 || weekday > 6) {
            throw new IllegalArgumentException("weekday " + weekday + " is outside 0-6");
        }
        String[] date = values.get(1).split("/", -1);
        String[] clock = values.get(2).split(":", -1);
        if (date.length != 3 || clock.length != 3) {
            throw new IllegalArgumentException("expected YYYY/MM/DD HH:MM:SS, found '"
                    + Printable.excerpt(values.get(1) + " " + values.get(2)) + "'");
        }
        return LocalDateTime.of(Integer.parseInt(date[0]), Integer.parseInt(date[1]), Integer.parseInt(date[2]),
                Integer.parseInt(clock[0]), Integer.parseInt(clock[1]), Integer.parseInt(clock[2])).toInstant(ZoneOffset.UTC);
    }

    private static LeaseState bindingState(List<String> values) {
        if (values.size() != 2 || !values.get(0).equals("state")) {
            throw new IllegalArgumentException("expected 'binding state NAME'");
        }
        return switch (values.get(1)) {
            case "active" -> LeaseState.ACTIVE;
            case "expired" -> LeaseState.EXPIRED;
            case "released" -> LeaseState.RELEASED;
            // dhcpd abandons an address someone else answered a ping on or that a client declined.
            case "abandoned" -> LeaseState.DECLINED;
            // Free for anyone (backup: free, held for the failover peer); the block remembers the last owner.
            case "free", "backup" -> LeaseState.RECLAIMED;
            default -> throw new IllegalArgumentException("unknown binding state '" + Printable.excerpt(values.get(1)) + "'");
        };
    }

    private static HardwareAddress hardware(List<String> values) {
        if (values.size() != 2) {
            throw new IllegalArgumentException("expected 'hardware TYPE aa:bb:...'");
        }
        int type = switch (values.get(0)) {
            case "ethernet" -> HardwareAddress.ETHERNET;
            case "token-ring" -> 6;
            case "fddi" -> 8;
            case "infiniband" -> 32;
            default -> throw new IllegalArgumentException("unknown hardware type '" + Printable.excerpt(values.get(0)) + "'");
        };
        return new HardwareAddress(type, Octets.of(org.leasedesk.protocol.HardwareAddress.parse(values.get(1)).bytes()));
    }

    /** A uid is written as a quoted string of bytes (octal escapes) or, when nothing in it is printable, as colon hex. */
    private static Octets uid(List<String> values, boolean quoted) {
        String value = single(values, "uid");
        return quoted ? Octets.of(value.getBytes(StandardCharsets.ISO_8859_1)) : colonHex(value);
    }

    /** dhcpd prints each byte with %x, so a group has one or two digits ("1:0:c:29:a:b"). */
    private static Octets colonHex(String text) {
        String[] groups = text.split(":", -1);
        byte[] bytes = new byte[groups.length];
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].isEmpty() || groups[i].length() > 2 || !groups[i].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("'" + Printable.excerpt(text) + "' is not colon-separated hex bytes");
            }
            bytes[i] = (byte) Integer.parseInt(groups[i], 16);
        }
        return Octets.of(bytes);
    }

    private static String single(List<String> values, String keyword) {
        if (values.size() != 1) {
            throw new IllegalArgumentException("expected one value after " + keyword);
        }
        return values.getFirst();
    }

    /** Skips to the end of a statement: its semicolon, or the end of its block. */
    private void skipStatement() throws IOException {
        for (Token token = next(); token != null; token = next()) {
            if (token.kind() == Kind.SEMICOLON || token.kind() == Kind.CLOSE) {
                return;
            }
            if (token.kind() == Kind.OPEN) {
                skipBlock();
                return;
            }
        }
    }

    /** Skips past the brace closing a block whose opening brace was just read. */
    private void skipBlock() throws IOException {
        int depth = 1;
        for (Token token = next(); token != null && depth > 0; token = next()) {
            if (token.kind() == Kind.OPEN) {
                depth++;
            } else if (token.kind() == Kind.CLOSE) {
                depth--;
                if (depth == 0) {
                    return;
                }
            }
        }
    }

    private Token next() throws IOException {
        while (true) {
            try {
                return tokens.next();
            } catch (MalformedTokenException e) {
                table.problem(file, e.line(), e.getMessage());
                blockDamaged = true;
            }
        }
    }
}
