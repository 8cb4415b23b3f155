package org.leasedesk.ui.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.leasedesk.app.HistorySearch;
import org.leasedesk.app.HoldingSpan;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.ui.common.FxBackground;
import org.leasedesk.ui.common.Icons;

/**
 * History: search the stored events by address, MAC, host name, type and time a page at a time;
 * ask who held an address at a moment; show the selected event's client as a timeline of the
 * addresses it held. Every query runs in the background.
 */
public final class HistoryView extends VBox {

    static final int PAGE_SIZE = 200;
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final DateTimeFormatter SHOWN = HistoryForm.MOMENT.withZone(ZONE);

    private final HistorySearch search;
    private final TextField address = field("history-address", "192.0.2.10", "Only events of this IPv4 address");
    private final TextField mac = field("history-mac", "00:00:5e:00:53:01", "Only events of this MAC address");
    private final TextField hostname = field("history-hostname", "part of a host name", "Host names containing this text, any case");
    private final ChoiceBox<Optional<LeaseEventType>> type = new ChoiceBox<>();
    private final ChoiceBox<String> range = new ChoiceBox<>();
    private final Button searchButton = new Button("Search", Icons.SEARCH.create());
    private final Button firstPage = new Button("First page", Icons.FIRST_PAGE.create());
    private final Button nextPage = new Button("Next page", Icons.NEXT_PAGE.create());
    private final Label status = new Label();
    private final TableView<LeaseEvent> events = new TableView<>();
    private final TextField holderAddress = field("holder-address", "192.0.2.10", "The address to look up");
    private final TextField holderTime = field("holder-time", "2026-11-23 14:05:00", "The moment, in this machine's time zone");
    private final Label holderResult = new Label();
    private final Button timelineButton = new Button("Client timeline", Icons.TIMELINE.create());
    private final TableView<HoldingSpan> timeline = new TableView<>();
    private final Label timelineTitle = new Label("Select an event and press Client timeline to see the addresses its client held.");

    private HistorySearch.Criteria criteria;
    private Optional<HistorySearch.Cursor> next = Optional.empty();
    private int pageNumber;

    public HistoryView(Workbench workbench) {
        this.search = new HistorySearch(workbench);
        getStylesheets().add(Objects.requireNonNull(HistoryView.class.getResource("/org/leasedesk/ui/history.css")).toExternalForm());
        getStyleClass().addAll("page", "history");
        createView();
        initListeners();
    }

    private static TextField field(String id, String prompt, String tooltip) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setTooltip(new Tooltip(tooltip));
        return field;
    }

    private void createView() {
        Label title = new Label("History");
        title.getStyleClass().add("page-title");

        type.getItems().add(Optional.empty());
        for (LeaseEventType each : LeaseEventType.values()) {
            type.getItems().add(Optional.of(each));
        }
        type.setValue(Optional.empty());
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(Optional<LeaseEventType> value) {
                return value == null ? "" : value.map(Enum::name).orElse("Any type");
            }

            @Override
            public Optional<LeaseEventType> fromString(String text) {
                return text.equals("Any type") ? Optional.empty() : Optional.of(LeaseEventType.valueOf(text));
            }
        });
        type.setId("history-type");
        type.setPrefWidth(150);
        type.setTooltip(new Tooltip("Only events of this type"));
        range.getItems().addAll(HistoryForm.RANGES.keySet());
        range.setValue("Last 24 hours");
        range.setId("history-range");
        range.setPrefWidth(140);
        range.setTooltip(new Tooltip("How far back to search"));
        searchButton.setId("history-search");
        searchButton.setDefaultButton(true);
        searchButton.setTooltip(new Tooltip("Search the stored history with these criteria"));
        firstPage.setId("history-first");
        firstPage.setTooltip(new Tooltip("Back to the first page of results"));
        nextPage.setId("history-next");
        nextPage.setTooltip(new Tooltip("The next " + PAGE_SIZE + " results"));
        firstPage.setDisable(true);
        nextPage.setDisable(true);
        status.setId("history-status");
        status.getStyleClass().add("muted");
        HBox form = new HBox(address, mac, hostname, type, range, searchButton);
        form.getStyleClass().add("form");
        form.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox paging = new HBox(status, spacer, firstPage, nextPage);
        paging.getStyleClass().add("form");
        paging.setAlignment(Pos.CENTER_LEFT);

        events.setId("history-events");
        events.setPlaceholder(new Label("No events match. Leases granted, renewed, released, expired and declined appear here."));
        events.getColumns().setAll(List.of(
                column("Time", 175, event -> SHOWN.format(event.time())),
                column("Event", 110, event -> event.type().name()),
                column("Address", 120, event -> event.address().toString()),
                column("MAC", 150, event -> event.hardwareAddress().isKnown() ? event.hardwareAddress().address().toColonHex() : ""),
                column("Host name", 140, LeaseEvent::hostname),
                column("Detail", 260, LeaseEvent::detail)));
        events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        events.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        VBox.setVgrow(events, Priority.ALWAYS);

        Label holderTitle = new Label("Who had this address at this time?");
        holderTitle.getStyleClass().add("section-title");
        holderTime.setText(HistoryForm.MOMENT.format(java.time.LocalDateTime.now(ZONE).withNano(0)));
        Button ask = new Button("Look up");
        ask.setId("holder-lookup");
        ask.setTooltip(new Tooltip("Find the client that held the address at that moment"));
        ask.setOnAction(event -> lookUpHolder());
        // Enter in these fields looks the holder up rather than firing the page's default button, Search.
        holderAddress.setOnAction(event -> lookUpHolder());
        holderTime.setOnAction(event -> lookUpHolder());
        holderResult.setId("holder-result");
        holderResult.setWrapText(true);
        HBox holder = new HBox(holderAddress, holderTime, ask, holderResult);
        holder.getStyleClass().add("form");
        holder.setAlignment(Pos.CENTER_LEFT);

        timelineButton.setId("history-timeline");
        timelineButton.setTooltip(new Tooltip("Show every address the selected event's client held"));
        timelineButton.disableProperty().bind(events.getSelectionModel().selectedItemProperty().isNull());
        timelineButton.setOnAction(event -> showTimeline());
        timelineTitle.getStyleClass().add("muted");
        timeline.setId("history-timeline-table");
        timeline.setPrefHeight(180);
        timeline.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        timeline.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        timeline.setPlaceholder(new Label(""));
        timeline.getColumns().setAll(List.of(
                column("Address", 120, (HoldingSpan span) -> span.address().toString()),
                column("Host name", 140, HoldingSpan::hostname),
                column("From", 160, span -> SHOWN.format(span.firstSeen())),
                column("Last renewed", 160, span -> SHOWN.format(span.lastSeen())),
                column("Renewals", 80, span -> Integer.toString(span.renewals())),
                column("Ended", 220, span -> span.ended().map(end -> SHOWN.format(end) + " (" + span.endedBy().orElseThrow() + ")")
                        .orElse("still held"))));
        HBox timelineHeader = new HBox(timelineButton, timelineTitle);
        timelineHeader.getStyleClass().add("form");
        timelineHeader.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(title, form, paging, events, holderTitle, holder, timelineHeader, timeline);
    }

    private static <T> TableColumn<T, String> column(String title, double width, java.util.function.Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private void initListeners() {
        searchButton.setOnAction(event -> newSearch());
        firstPage.setOnAction(event -> {
            pageNumber = 0;
            load(Optional.empty());
        });
        nextPage.setOnAction(event -> next.ifPresent(cursor -> load(Optional.of(cursor))));
    }

    /**
     * Shows every event of one address over all time: for other views' "show history" actions,
     * which the main window routes here.
     */
    public void showAddress(String text) {
        address.setText(text);
        mac.clear();
        hostname.clear();
        type.setValue(Optional.empty());
        range.setValue("All time");
        newSearch();
    }

    private void newSearch() {
        try {
            criteria = HistoryForm.criteria(address.getText(), mac.getText(), hostname.getText(), type.getValue(), range.getValue(),
                    Instant.now());
        } catch (HistoryForm.InvalidInput e) {
            status.setText(e.getMessage());
            return;
        }
        pageNumber = 0;
        load(Optional.empty());
    }

    private void load(Optional<HistorySearch.Cursor> after) {
        HistorySearch.Criteria asked = criteria;
        searchButton.setDisable(true);
        status.setText("Searching…");
        FxBackground.run(() -> search.search(asked, after, PAGE_SIZE), page -> {
            searchButton.setDisable(false);
            events.setItems(FXCollections.observableArrayList(page.events()));
            next = page.next();
            pageNumber++;
            nextPage.setDisable(next.isEmpty());
            firstPage.setDisable(pageNumber <= 1);
            status.setText(page.events().isEmpty() ? "No events match." : "Page " + pageNumber + ": " + page.events().size()
                    + " event(s)" + (next.isPresent() ? ", more follow" : ""));
        }, failure -> {
            searchButton.setDisable(false);
            status.setText("The history cannot be read: " + failure.getMessage());
        });
    }

    private void lookUpHolder() {
        Instant when;
        org.leasedesk.lease.Ipv4Address which;
        try {
            which = HistoryForm.address(holderAddress.getText()).orElseThrow(() -> new HistoryForm.InvalidInput("Address: enter one"));
            when = HistoryForm.moment(holderTime.getText(), ZONE);
        } catch (HistoryForm.InvalidInput e) {
            holderResult.setText(e.getMessage());
            return;
        }
        // The field names a whole second: a client that got the address during it held it "at" that time.
        Instant endOfSecond = when.plusSeconds(1).minusNanos(1);
        FxBackground.run(() -> search.holderAt(which, endOfSecond), holder -> holderResult.setText(holder
                        .map(event -> which + " was held by " + describeClient(event) + " since " + SHOWN.format(event.time())
                                + " (" + event.type() + ")")
                        .orElse("Nobody held " + which + " at " + SHOWN.format(when) + ".")),
                failure -> holderResult.setText("The history cannot be read: " + failure.getMessage()));
    }

    static String describeClient(LeaseEvent event) {
        String mac = event.hardwareAddress().isKnown() ? event.hardwareAddress().address().toColonHex() : "";
        String name = event.hostname().isEmpty() ? "" : " (" + event.hostname() + ")";
        return (mac.isEmpty() ? event.clientKey().map(ClientKey::toString).orElse("an unknown client") : mac) + name;
    }

    private void showTimeline() {
        LeaseEvent selected = events.getSelectionModel().getSelectedItem();
        Optional<ClientKey> client = selected.clientKey();
        if (client.isEmpty()) {
            timelineTitle.setText("This event concerns no client (it is an alarm).");
            timeline.getItems().clear();
            return;
        }
        FxBackground.run(() -> search.timeline(client.get(), Instant.EPOCH, Instant.now().plusSeconds(1)), spans -> {
            timeline.setItems(FXCollections.observableArrayList(spans));
            timelineTitle.setText("Addresses held by " + describeClient(selected) + ": " + spans.size());
        }, failure -> timelineTitle.setText("The history cannot be read: " + failure.getMessage()));
    }
}
