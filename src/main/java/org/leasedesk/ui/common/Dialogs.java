package org.leasedesk.ui.common;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.VBox;

/**
 * Confirmations for actions that change what clients get, and choices among a few items: one
 * shape, so tests and keyboard users find the same buttons.
 */
public final class Dialogs {

    /** The id of a confirmation's OK button. */
    public static final String CONFIRM_ID = "confirm-ok";
    /** The id of a confirmation's Cancel button. */
    public static final String CANCEL_ID = "confirm-cancel";
    /** The id of a choice's list. */
    public static final String CHOICE_LIST_ID = "choice-list";
    /** The id of the line under a choice's list that explains the selected item. */
    public static final String CHOICE_DETAIL_ID = "choice-detail";

    private static final double CHOICE_ROW_HEIGHT = 36;
    private static final double CHOICE_WIDTH = 520;

    private Dialogs() {}

    /** Asks and waits; Cancel is the default button so Enter never confirms by accident. */
    public static boolean confirm(Node owner, String header, String text, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, confirm, ButtonType.CANCEL);
        alert.setHeaderText(header);
        alert.setTitle("Please confirm");
        Button ok = prepare(alert, owner, confirm);
        ok.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }

    /**
     * Asks for one of {@code items} and waits: a list, each item as {@code describe} says it, and
     * under it what {@code explain} says of the selected one. The first item starts selected.
     *
     * @return the item chosen; empty when cancelled
     */
    public static <T> Optional<T> choose(Node owner, String header, List<T> items, Function<T, String> describe,
                                         Function<T, String> explain, String confirmLabel) {
        ListView<T> list = new ListView<>(FXCollections.observableArrayList(items));
        list.setId(CHOICE_LIST_ID);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : describe.apply(item));
            }
        });
        // Every row shown up to eight, then a scroll bar; cells of one known height make that exact in any theme.
        list.setFixedCellSize(CHOICE_ROW_HEIGHT);
        list.setPrefHeight(Math.min(items.size(), 8) * CHOICE_ROW_HEIGHT + 4);
        list.setPrefWidth(CHOICE_WIDTH);
        Label detail = new Label();
        detail.setId(CHOICE_DETAIL_ID);
        detail.setWrapText(true);
        detail.setMaxWidth(CHOICE_WIDTH);
        list.getSelectionModel().selectedItemProperty().addListener((o, before, item) -> detail.setText(item == null ? "" : explain.apply(item)));
        list.getSelectionModel().selectFirst();

        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Dialog<T> dialog = new Dialog<>();
        dialog.setTitle("Please choose");
        dialog.setHeaderText(header);
        dialog.getDialogPane().setContent(new VBox(8, list, detail));
        dialog.getDialogPane().getButtonTypes().addAll(confirm, ButtonType.CANCEL);
        prepare(dialog, owner, confirm).disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        dialog.setResultConverter(button -> button == confirm ? list.getSelectionModel().getSelectedItem() : null);
        return dialog.showAndWait();
    }

    /** Owner, stylesheets, room for the text and the buttons' ids; returns the confirming button. */
    private static Button prepare(Dialog<?> dialog, Node owner, ButtonType confirm) {
        fitText(dialog);
        DialogPane pane = dialog.getDialogPane();
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
            pane.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        pane.lookupButton(ButtonType.CANCEL).setId(CANCEL_ID);
        Button ok = (Button) pane.lookupButton(confirm);
        ok.setId(CONFIRM_ID);
        return ok;
    }

    /**
     * Lets a dialog grow to its whole text: by default its pane keeps the height of one line and
     * cuts long sentences (seen at 125 % scaling), and those sentences say what to do.
     */
    public static void fitText(Dialog<?> dialog) {
        dialog.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        dialog.setResizable(true);
    }

    /** The message to show for a failure: its own sentence, never a stack trace. */
    public static String messageOf(Throwable failure) {
        Throwable cause = FxBackground.unwrap(failure);
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.util.concurrent.ExecutionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
