package org.leasedesk.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A {@link CommandRunner} that runs nothing: it records each argument list and answers from a script. */
final class RecordingRunner implements CommandRunner {

    final List<List<String>> commands = new ArrayList<>();
    private final Function<List<String>, CommandOutput> answers;

    RecordingRunner(Function<List<String>, CommandOutput> answers) {
        this.answers = answers;
    }

    /** Every command succeeds and prints {@code stdout}. */
    static RecordingRunner succeeding(String stdout) {
        return new RecordingRunner(command -> new CommandOutput(command, 0, stdout, ""));
    }

    @Override
    public CommandOutput run(List<String> command, Duration timeout) {
        commands.add(List.copyOf(command));
        return answers.apply(command);
    }
}
