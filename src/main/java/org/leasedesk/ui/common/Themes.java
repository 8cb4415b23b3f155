package org.leasedesk.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import org.leasedesk.app.DesktopSettings;

/** Applies the light or dark palette to every window at once: the app stylesheet only uses looked-up colours. */
public final class Themes {

    private Themes() {}

    public static void apply(DesktopSettings.Theme theme) {
        Application.setUserAgentStylesheet(stylesheet(theme));
    }

    public static String stylesheet(DesktopSettings.Theme theme) {
        return switch (theme) {
            case LIGHT -> new PrimerLight().getUserAgentStylesheet();
            case DARK -> new PrimerDark().getUserAgentStylesheet();
        };
    }
}
