package org.leasedesk.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the tests in a separate JVM: the same java binary and class path as this one. */
final class ChildJvm {

    private ChildJvm() {}

    static Process start(Class<?> mainClass, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
