package org.leasedesk.server.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that was refused, with every error found (not only the first). */
public final class ConfigException extends Exception {

    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(describe(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** The errors that refused the configuration, and any warnings found on the way. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<ConfigProblem> problems) {
        long errors = problems.stream().filter(p -> p.severity() == ConfigProblem.Severity.ERROR).count();
        return source + ": " + errors + (errors == 1 ? " error" : " errors") + ", nothing applied\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
