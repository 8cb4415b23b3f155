package org.leasedesk.ui.common;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

/** Controls built the same way on every page: an id for tests and keyboard users, an icon, and always a tooltip. */
public final class Controls {

    private Controls() {}

    public static Button button(String id, String text, Icons icon, String tooltip, Runnable action) {
        Button button = new Button(text, icon.create());
        button.setId(id);
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(e -> action.run());
        return button;
    }
}
