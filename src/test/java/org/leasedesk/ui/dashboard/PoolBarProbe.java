package org.leasedesk.ui.dashboard;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;

/** Reads the pool bars a test sees, from outside the dashboard package. */
public final class PoolBarProbe {

    private PoolBarProbe() {}

    public static List<String> percentTexts(Node pools) {
        return ((Parent) pools).getChildrenUnmodifiable().stream()
                .filter(PoolBar.class::isInstance)
                .map(bar -> ((Parent) bar).getChildrenUnmodifiable().stream()
                        .filter(child -> child.getStyleClass().contains("pool-percent"))
                        .map(child -> ((Label) child).getText()).findFirst().orElseThrow())
                .toList();
    }
}
