package org.leasedesk.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.leasedesk.server.config.KeaSchema.Applied;
import org.leasedesk.server.config.KeaSchema.ArrayShape;
import org.leasedesk.server.config.KeaSchema.NoEffect;
import org.leasedesk.server.config.KeaSchema.ObjectShape;
import org.leasedesk.server.config.KeaSchema.Refused;
import org.leasedesk.server.config.KeaSchema.Rule;
import org.leasedesk.server.config.KeaSchema.Scalar;
import org.leasedesk.server.config.KeaSchema.Shape;

/**
 * Reads a configuration in the shape of Kea's {@code kea-dhcp4.conf} and checks every key against
 * {@link KeaSchema}, collecting all problems before deciding, so an admin fixes a file in one pass.
 *
 * <p>Like Kea, it accepts {@code //}, {@code #} and block comments and trailing commas, which
 * Debian's own {@code kea-dhcp4.conf} carries; unlike a plain JSON parser it refuses duplicate keys,
 * since one of the two values would be silently lost.
 */
public final class KeaConfigReader {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A configuration's {@code Dhcp4} section and what was found in it; from {@link #read}, only warnings. */
    public record Document(String source, JsonNode dhcp4, List<ConfigProblem> problems) {
        public Document {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
        }

        public List<ConfigProblem> warnings() {
            return problems.stream().filter(p -> p.severity() == ConfigProblem.Severity.WARNING).toList();
        }
    }

    public Document read(Path file) throws ConfigException {
        Document document = readAll(file);
        if (document.hasErrors()) {
            throw new ConfigException(file.toString(), document.problems());
        }
        return document;
    }

    public Document read(String text, String source) throws ConfigException {
        Document document = readAll(text, source);
        if (document.hasErrors()) {
            throw new ConfigException(source, document.problems());
        }
        return document;
    }

    /**
     * Checks every key and returns the document with all its problems, errors included, so the
     * meaning of the file can be checked in the same pass. Only text that is not JSON at all, or has
     * no Dhcp4 section, is refused here.
     */
    Document readAll(String text, String source) throws ConfigException {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(ConfigProblem.error(where(e.getLocation()), "not valid JSON: " + e.getOriginalMessage())));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            problems.add(ConfigProblem.error("(top level)", "expected an object with a \"Dhcp4\" section"));
        } else {
            check(root, KeaSchema.FILE, "", problems);
            if (!root.has("Dhcp4")) {
                problems.add(ConfigProblem.error("(top level)", "there is no \"Dhcp4\" section"));
            }
        }
        if (root == null || !root.isObject() || !root.path("Dhcp4").isObject()) {
            throw new ConfigException(source, problems);
        }
        return new Document(source, root.get("Dhcp4"), problems);
    }

    Document readAll(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(ConfigProblem.error("(file)", "cannot read it: " + e.getMessage())));
        }
        return readAll(text, file.toString());
    }

    private static void check(JsonNode node, Shape shape, String path, List<ConfigProblem> problems) {
        switch (shape) {
            case Scalar scalar -> checkScalar(node, scalar, path, problems);
            case ArrayShape array -> {
                if (!node.isArray()) {
                    problems.add(ConfigProblem.error(path, "expected a list, found " + describe(node)));
                    return;
                }
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), array.element(), path + "[" + i + "]", problems);
                }
            }
            case ObjectShape object -> checkObject(node, object, path, problems);
        }
    }

    private static void checkObject(JsonNode node, ObjectShape object, String path, List<ConfigProblem> problems) {
        if (!node.isObject()) {
            problems.add(ConfigProblem.error(path, "expected " + object.what() + " (an object), found " + describe(node)));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String keyPath = path.isEmpty() ? key : path + "/" + key;
            if (key.equals("comment") || key.equals("user-context")) {
                continue;
            }
            Rule rule = object.keys().get(key);
            switch (rule) {
                case null -> problems.add(ConfigProblem.error(keyPath, "unknown key in " + object.what()
                        + " (Kea does not know it either); check its spelling"));
                case Applied applied -> check(field.getValue(), applied.shape(), keyPath, problems);
                case NoEffect noEffect -> problems.add(ConfigProblem.warning(keyPath, "accepted but has no effect: " + noEffect.why()));
                case Refused refused -> {
                    if (!refused.harmless().test(field.getValue())) {
                        problems.add(ConfigProblem.error(keyPath, "not supported: " + refused.why()
                                + "; remove it or empty it to load this file"));
                    }
                }
            }
        }
    }

    private static void checkScalar(JsonNode node, Scalar scalar, String path, List<ConfigProblem> problems) {
        boolean fits = switch (scalar) {
            case STRING -> node.isTextual();
            case BOOLEAN -> node.isBoolean();
            case NUMBER -> node.isNumber();
            case UINT32 -> node.isIntegralNumber() && node.canConvertToLong()
                    && node.asLong() >= 0 && node.asLong() <= UINT32_MAX;
        };
        if (!fits) {
            problems.add(ConfigProblem.error(path, "expected " + scalar.expected + ", found " + describe(node)));
        }
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + node.asText() + "\"";
        }
        if (node.isContainerNode()) {
            return node.isArray() ? "a list" : "an object";
        }
        return node.toString();
    }

    private static String where(JsonLocation location) {
        return location == null ? "(file)" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
