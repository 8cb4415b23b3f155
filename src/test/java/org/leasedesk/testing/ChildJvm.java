package org.leasedesk.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the tests in a separate JVM: the same java binary and class path as this one. */
public final class ChildJvm {

    private ChildJvm() {}

    /** Starts {@code mainClass} with {@code args}; its standard error (logs) is discarded, its standard output is the parent's to read. */
    public static Process start(Class<?> mainClass, String... args) throws IOException {
        return new ProcessBuilder(command(mainClass, args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The command line that runs {@code mainClass} with {@code args}, for callers that wrap or redirect it themselves. */
    public static List<String> command(Class<?> mainClass, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
