package org.leasedesk.ui.common;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.leasedesk.app.Workbench;

/**
 * The workbench's server state as a property of the FX thread, so that every control that starts or
 * stops a server (status bar, dashboard's lab bar, setup) follows it, whoever started the server.
 */
public final class ServerStatus {

    private final ReadOnlyObjectWrapper<Workbench.ServerState> state;
    private final BooleanBinding busy;
    private final BooleanBinding labServing;

    public ServerStatus(Workbench workbench) {
        state = new ReadOnlyObjectWrapper<>(workbench.state());
        workbench.addListener(new Workbench.Listener() {
            @Override
            public void serverStateChanged(Workbench.ServerState changed) {
                Platform.runLater(() -> state.set(changed));
            }
        });
        busy = Bindings.createBooleanBinding(() -> state.get() instanceof Workbench.Starting
                || state.get() instanceof Workbench.Serving, state);
        labServing = Bindings.createBooleanBinding(() -> state.get() instanceof Workbench.Serving serving && serving.lab(), state);
    }

    public ReadOnlyObjectProperty<Workbench.ServerState> state() {
        return state.getReadOnlyProperty();
    }

    /** True while a server starts or serves: then nothing may start another one. */
    public BooleanBinding busy() {
        return busy;
    }

    /** True while the lab serves: only then has the lab something to stop. */
    public BooleanBinding labServing() {
        return labServing;
    }
}
