package org.leasedesk.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Lease;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ConfigException;
import org.leasedesk.server.config.ConfigProblem;
import org.leasedesk.server.config.ServerConfigLoader;

/**
 * A Kea-style configuration file open for editing: subnets, pools, reservations, options and lease
 * times. Edits change the JSON tree in place, so every key the editor does not know (and the
 * loader accepts) is written back as it was. Checking uses the server's own loader, so the editor
 * shows exactly the problems a start or reload would refuse, each with its JSON path. Saving writes
 * a temporary file and moves it over the original: a crash mid-write never leaves half a file.
 *
 * <p>Comments in the file are not kept: the tree is written back as plain JSON. A file read with
 * comments says so ({@link #commented()}) so the editor can warn before the first save, and the
 * save keeps the commented file beside it as {@code <name>.orig}.
 *
 * <p>Not thread-safe: one editor owns it.
 */
public final class ConfigDocument {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final String SUBNETS = "Dhcp4/subnet4";

    /**
     * The subnet fields an editor offers as text, with their JSON keys. The lease times also exist
     * at the global level, where every subnet without its own inherits them.
     */
    public enum SubnetField {
        ID("id", true), SUBNET("subnet", false), VALID_LIFETIME("valid-lifetime", true), RENEW_TIMER("renew-timer", true),
        REBIND_TIMER("rebind-timer", true);

        private final String key;
        private final boolean numeric;

        SubnetField(String key, boolean numeric) {
            this.key = key;
            this.numeric = numeric;
        }

        public String key() {
            return key;
        }

        /** Whether the field may also be set for every subnet at once, in the Dhcp4 map. */
        public boolean global() {
            return this == VALID_LIFETIME || this == RENEW_TIMER || this == REBIND_TIMER;
        }
    }

    /** A subnet as the editor shows it; numbers as text, empty when not set (inherited from the global level). */
    public record SubnetEntry(int index, long id, String subnet, String validLifetime, String renewTimer, String rebindTimer,
                              List<String> pools, List<ReservationEntry> reservations, List<OptionEntry> options) {
        public String path() {
            return SUBNETS + "[" + index + "]";
        }

        public String text(SubnetField field) {
            return switch (field) {
                case ID -> Long.toString(id);
                case SUBNET -> subnet;
                case VALID_LIFETIME -> validLifetime;
                case RENEW_TIMER -> renewTimer;
                case REBIND_TIMER -> rebindTimer;
            };
        }
    }

    /**
     * A reservation: whose (the identifier's type, under whose Kea key the file keeps it, and its
     * value as written there), the address and host name (empty when none).
     */
    public record ReservationEntry(HostIdentifier.Type type, String value, String ipAddress, String hostname) {
        public ReservationEntry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(ipAddress, "ipAddress");
            Objects.requireNonNull(hostname, "hostname");
        }
    }

    /** An option by name (or code, as text, when the file gives only a code) with its data. */
    public record OptionEntry(String name, String data, boolean alwaysSend) {
        public OptionEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * What applying did: whether the file was saved and the server reloaded, every problem found,
     * and where the file's commented version was kept when saving dropped its comments.
     */
    public record Applied(boolean saved, boolean reloaded, List<ConfigIssue> issues, Optional<Path> commentedOriginal) {
        public Applied {
            issues = List.copyOf(issues);
            Objects.requireNonNull(commentedOriginal, "commentedOriginal");
        }
    }

    private final Path file;
    private final ObjectNode root;
    private final boolean commented;

    private ConfigDocument(Path file, ObjectNode root, boolean commented) {
        this.file = file;
        this.root = root;
        this.commented = commented;
    }

    /** Reads a configuration file; comments and trailing commas are accepted as Kea accepts them. */
    public static ConfigDocument read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode tree = MAPPER.readTree(text);
        if (!(tree instanceof ObjectNode object) || !(object.get("Dhcp4") instanceof ObjectNode)) {
            throw new IOException(file + " has no \"Dhcp4\" section to edit");
        }
        return new ConfigDocument(file, object, hasComments(text));
    }

    public Path file() {
        return file;
    }

    /** Whether the file as read had comments, which saving drops (keeping the commented file as {@link #commentedCopy}). */
    public boolean commented() {
        return commented;
    }

    /** Where a save keeps the file as it was when it has comments. */
    public Path commentedCopy() {
        return file.resolveSibling(file.getFileName() + ".orig");
    }

    /**
     * Whether JSON text has a comment as Kea writes them ({@code //}, {@code /* ... *}{@code /} or
     * {@code #}) outside its strings.
     */
    static boolean hasComments(String text) {
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '#' || c == '/' && i + 1 < text.length() && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
                return true;
            }
        }
        return false;
    }

    /** An independent copy, for an editor that may discard its changes. */
    public ConfigDocument copy() {
        return new ConfigDocument(file, root.deepCopy(), commented);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private ObjectNode dhcp4() {
        return (ObjectNode) root.get("Dhcp4");
    }

    private ArrayNode subnetArray() {
        JsonNode subnets = dhcp4().get("subnet4");
        return subnets instanceof ArrayNode array ? array : dhcp4().putArray("subnet4");
    }

    private ObjectNode subnetNode(int index) {
        return (ObjectNode) subnetArray().get(index);
    }

    /** The subnets in file order; ids as the loader gives them (explicit, else the next unused from 1). */
    public List<SubnetEntry> subnets() {
        ArrayNode nodes = subnetArray();
        Set<Long> explicit = new HashSet<>();
        nodes.forEach(node -> {
            if (node.has("id")) {
                explicit.add(node.get("id").asLong());
            }
        });
        long nextAutomatic = 1;
        List<SubnetEntry> entries = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            long id;
            if (node.has("id")) {
                id = node.get("id").asLong();
            } else {
                while (explicit.contains(nextAutomatic)) {
                    nextAutomatic++;
                }
                id = nextAutomatic++;
            }
            List<String> pools = new ArrayList<>();
            node.path("pools").forEach(pool -> pools.add(pool.path("pool").asText("")));
            List<ReservationEntry> reservations = new ArrayList<>();
            node.path("reservations").forEach(r -> reservations.add(reservation(r)));
            entries.add(new SubnetEntry(i, id, node.path("subnet").asText(""), text(node, "valid-lifetime"),
                    text(node, "renew-timer"), text(node, "rebind-timer"), pools, reservations, options(node.path("option-data"))));
        }
        return entries;
    }

    /**
     * A reservation as the file has it: by the first of Kea's identifier keys it uses (a file with
     * several is refused by the check, which names them), by hw-address when it has none yet.
     */
    private static ReservationEntry reservation(JsonNode node) {
        HostIdentifier.Type type = Arrays.stream(HostIdentifier.Type.values()).filter(t -> node.has(t.keaName())).findFirst()
                .orElse(HostIdentifier.Type.HW_ADDRESS);
        return new ReservationEntry(type, text(node, type.keaName()), text(node, "ip-address"), text(node, "hostname"));
    }

    /**
     * Kea's {@code host-reservation-identifiers}: the order in which the server tries a client's
     * identifiers, {@link HostIdentifier#DEFAULT_ORDER} when the file does not set it. Names the
     * check refuses are left out here.
     */
    public List<HostIdentifier.Type> hostReservationIdentifiers() {
        JsonNode names = dhcp4().get("host-reservation-identifiers");
        if (names == null) {
            return HostIdentifier.DEFAULT_ORDER;
        }
        List<HostIdentifier.Type> order = new ArrayList<>();
        names.forEach(name -> HostIdentifier.Type.byKeaName(name.asText()).filter(type -> !order.contains(type)).ifPresent(order::add));
        return List.copyOf(order);
    }

    /** Which identifier of the lease's client a reservation should name, in this configuration's order. */
    public ReservationMatch matchOf(Lease lease) {
        return ReservationMatch.of(lease, hostReservationIdentifiers());
    }

    /** The options every subnet inherits. */
    public List<OptionEntry> globalOptions() {
        return options(dhcp4().path("option-data"));
    }

    /** A lease time every subnet without its own inherits, as text; empty when not set (the server's default). */
    public String globalText(SubnetField field) {
        return text(dhcp4(), requireGlobal(field).key());
    }

    private static SubnetField requireGlobal(SubnetField field) {
        if (!field.global()) {
            throw new IllegalArgumentException(field.key() + " is set per subnet only");
        }
        return field;
    }

    /** The next subnet id no subnet uses, for a new subnet. */
    public long nextSubnetId() {
        return subnets().stream().mapToLong(SubnetEntry::id).max().orElse(0) + 1;
    }

    private static List<OptionEntry> options(JsonNode nodes) {
        List<OptionEntry> options = new ArrayList<>();
        nodes.forEach(o -> options.add(new OptionEntry(o.has("name") ? o.get("name").asText() : o.path("code").asText(""),
                o.path("data").asText(""), o.path("always-send").asBoolean(false))));
        return options;
    }

    private static String text(JsonNode node, String key) {
        return node.has(key) ? node.get(key).asText() : "";
    }

    /** The JSON path of a subnet field, as the check names it. */
    public static String pathOf(int subnet, SubnetField field) {
        return SUBNETS + "[" + subnet + "]/" + field.key();
    }

    public static String pathOfPool(int subnet, int pool) {
        return SUBNETS + "[" + subnet + "]/pools[" + pool + "]";
    }

    public static String pathOfReservation(int subnet, int reservation) {
        return SUBNETS + "[" + subnet + "]/reservations[" + reservation + "]";
    }

    public static String pathOfOption(int subnet, int option) {
        return SUBNETS + "[" + subnet + "]/option-data[" + option + "]";
    }

    /** The JSON path of a global lease time, as the check names it. */
    public static String pathOfGlobal(SubnetField field) {
        return "Dhcp4/" + requireGlobal(field).key();
    }

    public static String pathOfGlobalOption(int option) {
        return "Dhcp4/option-data[" + option + "]";
    }

    /**
     * Sets a field as typed. Whole numbers are written as numbers; anything else is written as
     * text, so the check names the field rather than the editor guessing; empty text removes the key
     * (the subnet then inherits the global value).
     */
    public void set(int subnet, SubnetField field, String value) {
        put(subnetNode(subnet), field, value);
    }

    /** Sets a global lease time as {@link #set} sets a subnet's; empty text leaves it to the server's default. */
    public void setGlobal(SubnetField field, String value) {
        put(dhcp4(), requireGlobal(field), value);
    }

    private static void put(ObjectNode node, SubnetField field, String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            node.remove(field.key());
        } else if (field.numeric && text.matches("\\d{1,18}")) {
            node.put(field.key(), Long.parseLong(text));
        } else {
            node.put(field.key(), text);
        }
    }

    /** Adds a subnet with one pool; returns its index. */
    public int addSubnet(long id, String prefix, String pool) {
        ObjectNode node = subnetArray().addObject();
        node.put("id", id);
        node.put("subnet", prefix);
        node.putArray("pools").addObject().put("pool", pool);
        return subnetArray().size() - 1;
    }

    public void removeSubnet(int subnet) {
        subnetArray().remove(subnet);
    }

    public void setPool(int subnet, int pool, String range) {
        ((ObjectNode) array(subnet, "pools").get(pool)).put("pool", range.strip());
    }

    public void addPool(int subnet, String range) {
        array(subnet, "pools").addObject().put("pool", range.strip());
    }

    public void removePool(int subnet, int pool) {
        array(subnet, "pools").remove(pool);
    }

    /**
     * Changes a reservation's identifier, address and host name; its other keys (options, boot
     * fields) stay, and an identifier of another type replaces the old one.
     */
    public void setReservation(int subnet, int reservation, ReservationEntry entry) {
        write((ObjectNode) array(subnet, "reservations").get(reservation), entry);
    }

    public void addReservation(int subnet, ReservationEntry entry) {
        write(array(subnet, "reservations").addObject(), entry);
    }

    public void removeReservation(int subnet, int reservation) {
        array(subnet, "reservations").remove(reservation);
    }

    private static void write(ObjectNode node, ReservationEntry entry) {
        // The kept key is put in place, so an unchanged type keeps its position in the file.
        node.remove(Arrays.stream(HostIdentifier.Type.values()).filter(type -> type != entry.type()).map(HostIdentifier.Type::keaName)
                .toList());
        node.put(entry.type().keaName(), entry.value().strip());
        putOrRemove(node, "ip-address", entry.ipAddress());
        putOrRemove(node, "hostname", entry.hostname());
    }

    /**
     * Reserves a lease's address, with its host name, for its client in the lease's subnet, by the
     * first identifier the client presents in this configuration's host-reservation-identifiers
     * order: the one the server tries first (see {@link ReservationMatch}).
     *
     * @return how the reservation matches the client
     * @throws IllegalArgumentException when the lease's subnet is not in the file, or the server tries none of the client's identifiers
     */
    public ReservationMatch reserve(Lease lease) {
        SubnetEntry subnet = subnets().stream().filter(s -> s.id() == lease.subnetId()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("subnet " + lease.subnetId() + " of " + lease.address()
                        + " is not in " + file.getFileName()));
        ReservationMatch match = matchOf(lease);
        addReservation(subnet.index(), match.reservation());
        return match;
    }

    /** Changes an option's name and data; keys such as csv-format or space stay. */
    public void setOption(int subnet, int option, OptionEntry entry) {
        write((ObjectNode) array(subnet, "option-data").get(option), entry);
    }

    public void addOption(int subnet, OptionEntry entry) {
        write(array(subnet, "option-data").addObject(), entry);
    }

    public void removeOption(int subnet, int option) {
        array(subnet, "option-data").remove(option);
    }

    /** Changes a global option, which every subnet without its own inherits. */
    public void setGlobalOption(int option, OptionEntry entry) {
        write((ObjectNode) array(dhcp4(), "option-data").get(option), entry);
    }

    public void addGlobalOption(OptionEntry entry) {
        write(array(dhcp4(), "option-data").addObject(), entry);
    }

    public void removeGlobalOption(int option) {
        array(dhcp4(), "option-data").remove(option);
    }

    private static void write(ObjectNode node, OptionEntry entry) {
        String name = entry.name().strip();
        node.remove(List.of("name", "code"));
        if (name.matches("\\d{1,3}")) {
            node.put("code", Integer.parseInt(name));
        } else {
            node.put("name", name);
        }
        node.put("data", entry.data().strip());
        if (entry.alwaysSend()) {
            node.put("always-send", true);
        } else {
            node.remove("always-send");
        }
    }

    private static void putOrRemove(ObjectNode node, String key, String value) {
        if (value.isBlank()) {
            node.remove(key);
        } else {
            node.put(key, value.strip());
        }
    }

    private ArrayNode array(int subnet, String key) {
        return array(subnetNode(subnet), key);
    }

    private static ArrayNode array(ObjectNode node, String key) {
        return node.get(key) instanceof ArrayNode array ? array : node.putArray(key);
    }

    /** Every problem the server's loader finds in the document as it is now, errors and warnings. */
    public List<ConfigIssue> check() {
        try {
            return issues(loader().load(toJson(), file.toString()).warnings());
        } catch (ConfigException refused) {
            return issues(refused.problems());
        }
    }

    private static ServerConfigLoader loader() {
        return new ServerConfigLoader(OptionRegistry.standard());
    }

    private static List<ConfigIssue> issues(List<ConfigProblem> problems) {
        return problems.stream()
                .map(p -> new ConfigIssue(p.severity() == ConfigProblem.Severity.ERROR, p.path(), p.message()))
                .toList();
    }

    /**
     * Checks, saves and applies: a document with errors changes nothing (neither the file nor the
     * server); otherwise the file is replaced atomically and, when the workbench's server runs on
     * this file, it reloads it between two packets. A file on disk with comments is first copied to
     * {@link #commentedCopy()}, as the save drops them. Blocks: call it off the FX thread.
     */
    public Applied applyAndSave(Workbench workbench) throws IOException {
        String text = toJson();
        try {
            ServerConfigLoader.Loaded loaded = loader().load(text, file.toString());
            Optional<Path> kept = keepCommentedOriginal();
            saveAtomically(text);
            boolean reload = workbench.state() instanceof Workbench.Serving serving
                    && serving.running().config().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize());
            if (reload) {
                workbench.reload().join();
            }
            return new Applied(true, reload, issues(loaded.warnings()), kept);
        } catch (ConfigException refused) {
            return new Applied(false, false, issues(refused.problems()), Optional.empty());
        }
    }

    /** Reads the file as it is on disk now (an admin may have edited it since), so a later save copies nothing. */
    private Optional<Path> keepCommentedOriginal() throws IOException {
        if (!Files.isRegularFile(file) || !hasComments(Files.readString(file, StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(Files.copy(file, commentedCopy(), StandardCopyOption.REPLACE_EXISTING));
    }

    private void saveAtomically(String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
