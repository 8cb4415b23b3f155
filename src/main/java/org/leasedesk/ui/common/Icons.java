package org.leasedesk.ui.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Every icon the application shows, named by what it means rather than by its glyph. */
public enum Icons {
    DASHBOARD(Material2AL.DASHBOARD),
    LEASES(Material2AL.LIST_ALT),
    POOLS(Material2AL.ACCOUNT_TREE),
    INTERFACES(Material2MZ.SETTINGS_ETHERNET),
    HISTORY(Material2AL.HISTORY),
    REPORTS(Material2AL.INSERT_DRIVE_FILE),
    SETTINGS(Material2MZ.SETTINGS),
    SERVER_STOPPED(Material2MZ.STOP_CIRCLE),
    SERVER_RUNNING(Material2MZ.PLAY_CIRCLE_FILLED),
    START(Material2MZ.PLAY_ARROW),
    STOP(Material2MZ.STOP),
    LAB(Material2MZ.SCIENCE),
    SEARCH(Material2MZ.SEARCH),
    NEXT_PAGE(Material2AL.CHEVRON_RIGHT),
    FIRST_PAGE(Material2AL.FIRST_PAGE),
    TIMELINE(Material2MZ.TIMELINE),
    SAVE(Material2MZ.SAVE),
    LIGHT_THEME(Material2MZ.WB_SUNNY),
    DARK_THEME(Material2MZ.NIGHTS_STAY),
    RELEASE(Material2AL.EJECT),
    QUARANTINE(Material2AL.BLOCK),
    RESERVE(Material2AL.BOOKMARK),
    COPY(Material2AL.CONTENT_COPY),
    RENEW(Material2MZ.REFRESH),
    DISCOVER(Material2MZ.SEARCH),
    APPLY(Material2AL.CHECK),
    REVERT(Material2MZ.UNDO),
    ADD(Material2AL.ADD),
    REMOVE(Material2MZ.REMOVE),
    EXPORT(Material2MZ.SAVE_ALT),
    IMPORT(Material2AL.FOLDER_OPEN),
    OPEN(Material2MZ.OPEN_IN_NEW),
    CANCEL(Material2AL.CLOSE),
    RANDOMISED(Material2MZ.SHUFFLE),
    WARNING(Material2MZ.WARNING),
    LOG(Material2MZ.SUBJECT);

    private final Ikon ikon;

    Icons(Ikon ikon) {
        this.ikon = ikon;
    }

    public FontIcon create() {
        return new FontIcon(ikon);
    }
}
