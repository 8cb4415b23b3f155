package org.leasedesk.server;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.store.LeaseChange;
import org.leasedesk.store.StoreException;

/**
 * What an import of another server's leases does or, in a dry run, would do: each lease of the file
 * is imported, already present, in conflict or skipped, and {@link #changes} are the writes that carry
 * it out (one per address, each with its history event).
 *
 * @param imported the leases written (or to be written), placed in their configured subnet and pool
 * @param alreadyPresent leases LeaseDesk already holds for the same client on the same address
 * @param notes things worth knowing that left no lease out, one sentence each
 */
public record ImportResult(List<Lease> imported, List<Lease> alreadyPresent, List<Conflict> conflicts, List<Skipped> skipped,
                           List<String> notes, List<LeaseChange> changes) {

    public ImportResult {
        imported = List.copyOf(imported);
        alreadyPresent = List.copyOf(alreadyPresent);
        conflicts = List.copyOf(conflicts);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
        changes = List.copyOf(changes);
    }

    /** Why a lease of the file and LeaseDesk (or the file and itself) disagree. */
    public enum ConflictKind {
        /** Another client holds the address in LeaseDesk (or it is in decline probation). */
        ADDRESS_HELD("address held by another client"),
        /** The configuration reserves the address for another client; never replaced: change the configuration. */
        RESERVED_FOR_ANOTHER("address reserved for another client"),
        /** The client already holds another address in the same subnet in LeaseDesk. */
        CLIENT_HOLDS_ANOTHER("client holds another address"),
        /** The file gives one address to two clients, or one client two addresses in one subnet. */
        DUPLICATE_IN_FILE("listed twice in the file");

        private final String description;

        ConflictKind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * @param lease the file's lease, placed in its configured subnet
     * @param detail who or what it conflicts with, in words
     * @param resolved {@code --replace} settled it in the file's favour: the lease was imported, or (for
     *     a lease listed twice) the file's newer lease won; false when the lease was left out
     */
    public record Conflict(ConflictKind kind, Lease lease, String detail, boolean resolved) {
        public Conflict {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a lease of the file was not considered at all. */
    public enum SkipReason {
        NOT_ACTIVE("not active"),
        EXPIRED("expired"),
        /** Refused: no configured subnet contains the address, so no LeaseDesk server would serve it. */
        OUTSIDE_CONFIGURATION("outside the configured subnets");

        private final String description;

        SkipReason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        /** Whether this lease should have been imported and could not be: the cut-over is incomplete. */
        public boolean refused() {
            return this == OUTSIDE_CONFIGURATION;
        }
    }

    public record Skipped(SkipReason reason, Lease lease, String detail) {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Whether every active lease of the file is (or would be) in LeaseDesk: no conflict left one out, none was refused. */
    public boolean complete() {
        return conflicts.stream().allMatch(Conflict::resolved) && skipped.stream().noneMatch(skip -> skip.reason().refused());
    }

    /**
     * This result once every one of its changes, submitted to the lease writer as {@code commits} (in
     * the order of {@link #changes}), is committed; fails with a {@link StoreException} saying how many
     * were not, and that running the import again completes it (what was stored is then already present).
     */
    public CompletableFuture<ImportResult> whenCommitted(List<CompletableFuture<LeaseChange>> commits) {
        return CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            if (failure == null) {
                return this;
            }
            List<Throwable> failures = commits.stream().filter(CompletableFuture::isCompletedExceptionally)
                    .map(CompletableFuture::exceptionNow).toList();
            throw new StoreException("The lease store did not take " + failures.size() + " of the import's " + commits.size()
                    + " changes (" + failures.getFirst().getMessage() + "); the others are stored. Run the import again:"
                    + " what is stored then counts as already present.", failures.getFirst());
        });
    }

    /** LeaseDesk's own leases released to make way for the file's ({@code --replace}). */
    public List<Lease> released() {
        return changes.stream().filter(change -> change.event().type() == LeaseEventType.RELEASED).map(LeaseChange::lease).toList();
    }
}
