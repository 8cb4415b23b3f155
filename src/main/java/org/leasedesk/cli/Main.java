package org.leasedesk.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.leasedesk.app.ApplicationInfo;
import org.leasedesk.ui.LeaseDeskApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code leasedesk} command. With no subcommand it opens the desktop application; subcommands
 * run the same core headless for servers and scripts.
 */
@Command(
        name = "leasedesk",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {ServeCommand.class, ReportCommand.class, HistoryCommand.class, ImportCommand.class, DbCommand.class,
            ClientCommand.class},
        description = {
            "LeaseDesk: DHCPv4 administration for network administrators.",
            "Without a command, opens the desktop application."
        })
public final class Main implements Callable<Integer> {

    /** Exit code when the window cannot be opened (for example, no display). */
    static final int NO_DISPLAY = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            LeaseDeskApp.launchAndWait();
            return 0;
        } catch (UnsupportedOperationException | IllegalStateException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("leasedesk: cannot open the window (" + e.getMessage() + ").");
            err.println("Run it on a desktop session, under Xvfb, or use a command: leasedesk --help");
            return NO_DISPLAY;
        }
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Reads the version Maven wrote into the jar at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ApplicationInfo.nameAndVersion()};
        }
    }
}
