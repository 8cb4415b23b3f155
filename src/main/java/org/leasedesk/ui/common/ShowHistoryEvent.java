package org.leasedesk.ui.common;

import javafx.event.Event;
import javafx.event.EventType;

/**
 * A view asks to see an address's history. Fired on the asking view's node, it bubbles up to the
 * main window, which shows the History page and hands the event on to that page's view.
 */
public final class ShowHistoryEvent extends Event {

    public static final EventType<ShowHistoryEvent> SHOW_HISTORY = new EventType<>(Event.ANY, "SHOW_HISTORY");

    private final String address;

    public ShowHistoryEvent(String address) {
        super(SHOW_HISTORY);
        this.address = address;
    }

    /** The IPv4 address whose history is wanted, as text. */
    public String address() {
        return address;
    }
}
