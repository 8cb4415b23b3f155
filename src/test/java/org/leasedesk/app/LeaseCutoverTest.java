package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop's way into a cut-over, where it cannot go ahead. */
class LeaseCutoverTest {

    @TempDir
    Path directory;

    @Test
    void withoutARunningServerTheImportSaysWhatToDo() throws Exception {
        Path file = Files.writeString(directory.resolve("dnsmasq.leases"), "0 00:00:5e:00:53:31 192.0.2.30 nas *\n");
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            assertThatThrownBy(() -> new LeaseCutover(workbench).intoRunningServer(file, false, true).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("No server is running: start it from the Dashboard, then import into it.");
        }
    }

    @Test
    void aFileThatIsNoLeaseFileIsRefusedWithTheReason() throws Exception {
        Path notes = Files.writeString(directory.resolve("notes.txt"), "shopping list\nmilk\n");

        assertThatThrownBy(() -> LeaseCutover.read(notes)).isInstanceOf(LeaseCutover.FileRefusedException.class)
                .hasMessageContaining("is not a lease file LeaseDesk knows");
        assertThat(LeaseCutover.read(Files.writeString(directory.resolve("one.leases"), "0 00:00:5e:00:53:31 192.0.2.30 nas *\n"))
                .leases()).hasSize(1);
    }
}
