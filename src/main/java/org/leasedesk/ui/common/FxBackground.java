package org.leasedesk.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs work off the JavaFX thread and hands the result back to it: the one way views call into the
 * core, so that no view ever waits for a socket, a query or a file.
 */
public final class FxBackground {

    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("fx-background-", 0).daemon(true).factory());

    private FxBackground() {}

    /** Calls {@code work} on a background thread, then {@code onSuccess} or {@code onFailure} on the FX thread. */
    public static <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, WORKERS);
        whenDone(future, onSuccess, onFailure);
    }

    /** Hands a future's outcome to the FX thread. */
    public static <T> void whenDone(CompletableFuture<T> future, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        future.whenComplete((result, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                onSuccess.accept(result);
            } else {
                onFailure.accept(unwrap(failure));
            }
        }));
    }

    /** The cause a user should read, without the wrappers futures add. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
