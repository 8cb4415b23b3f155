package org.leasedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.testing.ChildJvm;

class SecondProcessTest {

    @TempDir
    Path dir;

    @Test
    void secondProcessIsToldWhoHoldsTheDatabase() throws Exception {
        Path db = dir.resolve("held");
        Process holder = ChildJvm.start(HoldDatabaseMain.class, db.toString());
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).startsWith("OPEN ");

            assertThatThrownBy(() -> LeaseDatabase.open(db))
                    .isInstanceOfSatisfying(DatabaseInUseException.class, e -> {
                        assertThat(e.getMessage()).contains(db + ".mv.db is in use by", "stop the other one");
                        if (Files.isReadable(Path.of("/proc/locks"))) {
                            assertThat(e.holderPid()).hasValue(holder.pid());
                            assertThat(e.getMessage()).contains("process " + holder.pid(), HoldDatabaseMain.class.getName());
                        }
                    });
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        // Once the holder is gone the file opens normally.
        LeaseDatabase.open(db).close();
    }

    @Test
    void readsTheHolderFromProcLocks() {
        List<String> procLocks = List.of(
                "1: POSIX  ADVISORY  WRITE 11780 fe:00:2146764 0 EOF",
                "1: -> POSIX  ADVISORY  WRITE 999 fe:00:2146764 0 EOF",
                "2: FLOCK  ADVISORY  WRITE 11781 fe:00:2154497 0 EOF",
                "3: OFDLCK ADVISORY  WRITE -1 08:01:77 0 EOF");
        long device = 0xfe00;
        assertThat(LockHolder.holderIn(procLocks, device, 2146764)).hasValue(11780);
        assertThat(LockHolder.holderIn(procLocks, device, 2154497)).hasValue(11781);
        assertThat(LockHolder.holderIn(procLocks, 0x0801, 77)).as("OFD locks name no process").isEmpty();
        assertThat(LockHolder.holderIn(procLocks, 0x0801, 2146764)).as("same inode, other device").isEqualTo(OptionalLong.empty());
    }

    @Test
    void holderIsUnknownWhereTheSystemDoesNotSay() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/locks"))).isTrue();
        Path unlocked = Files.createFile(dir.resolve("unlocked"));
        assertThat(LockHolder.find(unlocked)).isEmpty();
    }
}
