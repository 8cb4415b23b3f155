package org.leasedesk.ui.common;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** A dashboard tile: a big figure over a caption, with ids {@code tile-<name>} and {@code tile-<name>-value}. */
public final class Tiles {

    private Tiles() {}

    public static Label add(javafx.scene.layout.Pane parent, String name, String caption, String explanation) {
        Label value = new Label("–");
        value.getStyleClass().add("tile-value");
        value.setId("tile-" + name + "-value");
        Label text = new Label(caption);
        text.getStyleClass().add("tile-caption");
        VBox tile = new VBox(value, text);
        tile.getStyleClass().add("tile");
        tile.setId("tile-" + name);
        Tooltip.install(tile, new Tooltip(explanation));
        parent.getChildren().add(tile);
        return value;
    }
}
