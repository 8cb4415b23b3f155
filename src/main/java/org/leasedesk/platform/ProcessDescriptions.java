package org.leasedesk.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Names another process in a message a person reads ("process 4242 (java ... leasedesk serve)"). */
public final class ProcessDescriptions {

    private ProcessDescriptions() {}

    /** The process's command line, when the system tells it. */
    public static Optional<String> commandLineOf(long pid) {
        // The JDK's ProcessHandle.Info cuts long command lines (a long class path hides the main class), so read
        // Linux's own record first.
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String joined = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            if (!joined.isEmpty()) {
                return Optional.of(joined);
            }
        } catch (IOException e) {
            // Not Linux, or the process is gone: ask the JDK.
        }
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine().or(() -> handle.info().command()));
    }

    /**
     * "process 4242 (java -cp ... leasedesk serve)": each long argument shortened (a Java class path
     * runs to kilobytes) so the part that names the program stays visible.
     */
    public static String describe(long pid) {
        return "process " + pid + commandLineOf(pid).map(line -> " (" + abbreviate(line) + ")").orElse("");
    }

    private static String abbreviate(String commandLine) {
        String shortened = Arrays.stream(commandLine.split(" "))
                .map(argument -> argument.length() <= 60 ? argument : argument.substring(0, 40) + "...")
                .collect(Collectors.joining(" "));
        return shortened.length() <= 300 ? shortened : shortened.substring(0, 297) + "...";
    }
}
