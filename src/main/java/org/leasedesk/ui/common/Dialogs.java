package org.leasedesk.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Dialog;
import javafx.scene.layout.Region;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;

/** Confirmations for actions that change what clients get: one shape, so tests and keyboard users find the same buttons. */
public final class Dialogs {

    /** The id of a confirmation's OK button. */
    public static final String CONFIRM_ID = "confirm-ok";
    /** The id of a confirmation's Cancel button. */
    public static final String CANCEL_ID = "confirm-cancel";

    private Dialogs() {}

    /** Asks and waits; Cancel is the default button so Enter never confirms by accident. */
    public static boolean confirm(Node owner, String header, String text, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, confirm, ButtonType.CANCEL);
        alert.setHeaderText(header);
        fitText(alert);
        alert.setTitle("Please confirm");
        if (owner != null && owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
            alert.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        Button ok = (Button) alert.getDialogPane().lookupButton(confirm);
        ok.setId(CONFIRM_ID);
        ok.setDefaultButton(false);
        Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId(CANCEL_ID);
        cancel.setDefaultButton(true);
        return alert.showAndWait().filter(confirm::equals).isPresent();
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
