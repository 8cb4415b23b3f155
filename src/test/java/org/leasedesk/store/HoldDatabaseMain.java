package org.leasedesk.store;

import java.io.IOException;
import java.nio.file.Path;

/** Child process for {@link SecondProcessTest}: opens the database, says OPEN, holds it until stdin closes. */
public final class HoldDatabaseMain {

    private HoldDatabaseMain() {}

    public static void main(String[] args) throws IOException {
        try (LeaseDatabase database = LeaseDatabase.open(Path.of(args[0]))) {
            System.out.println("OPEN " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the database until the parent closes our stdin
            }
        }
    }
}
