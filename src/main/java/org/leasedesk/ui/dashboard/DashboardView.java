package org.leasedesk.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.leasedesk.app.DashboardFeed;
import org.leasedesk.app.ExhaustionForecast;
import org.leasedesk.app.UtilisationHistory;
import org.leasedesk.app.Workbench;
import org.leasedesk.app.lab.LabSettings;
import org.leasedesk.lease.UtilisationSample;
import org.leasedesk.ui.common.DesktopContext;
import org.leasedesk.ui.common.FxBackground;
import org.leasedesk.ui.common.Icons;
import org.leasedesk.ui.common.LiveFigures;
import org.leasedesk.ui.common.Tiles;

/**
 * The dashboard: tiles, a bar per pool, utilisation over time, the alert feed, and the lab's
 * controls. It reads the window's {@link LiveFigures}, so it costs one update per refresh period
 * whatever the packet rate; the chart reloads stored samples every few seconds in the background.
 */
public final class DashboardView extends ScrollPane {

    /** Chart ranges offered, by label. */
    static final Map<String, Duration> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("Last 15 minutes", Duration.ofMinutes(15));
        RANGES.put("Last hour", Duration.ofHours(1));
        RANGES.put("Last 24 hours", Duration.ofDays(1));
        RANGES.put("Last 7 days", Duration.ofDays(7));
    }

    private static final int CHART_POINTS = 300;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final DesktopContext context;
    private final Workbench workbench;
    private final DashboardModel model = new DashboardModel();
    private final UtilisationHistory history;
    private final VBox pools = new VBox();
    private final Map<String, PoolBar> poolBars = new HashMap<>();
    private final Label noPools = new Label("No server runs. Start the lab above to watch a simulated network, or start a server.");
    private final NumberAxis timeAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(timeAxis, new NumberAxis(0, 100, 20));
    private final ChoiceBox<String> range = new ChoiceBox<>();
    private final Spinner<Integer> clients = new Spinner<>(1, LabSettings.MAX_CLIENTS, LabSettings.DEFAULTS.clients());
    private final Spinner<Integer> poolSize = new Spinner<>(1, LabSettings.MAX_POOL_SIZE, LabSettings.DEFAULTS.poolSize());
    private final Slider rate = new Slider(0, Math.log10(LabSettings.FULL_SPEED), Math.log10(LabSettings.DEFAULTS.rate()));
    private final Label rateText = new Label();
    private final Button startLab = new Button("Start lab", Icons.LAB.create());
    private final Button stopLab = new Button("Stop", Icons.STOP.create());
    private final Label labMessage = new Label();
    private final Timeline chartTimer = new Timeline(new KeyFrame(javafx.util.Duration.seconds(5), event -> reloadChart()));
    private boolean chartLoading;
    private Instant lastForecast = Instant.EPOCH;

    public DashboardView(DesktopContext context) {
        this.context = context;
        this.workbench = context.workbench();
        this.history = new UtilisationHistory(workbench);
        getStylesheets().add(Objects.requireNonNull(DashboardView.class.getResource("/org/leasedesk/ui/dashboard.css")).toExternalForm());
        getStyleClass().add("dashboard");
        setFitToWidth(true);
        setContent(createView());
        initListeners();
    }

    private VBox createView() {
        Label title = new Label("Dashboard");
        title.getStyleClass().add("page-title");

        FlowPane tiles = new FlowPane();
        tiles.getStyleClass().add("tiles");
        Tiles.add(tiles, "active", "Active leases", "Leases held by clients now, in every pool").textProperty().bind(model.active());
        Tiles.add(tiles, "free", "Free addresses", "Addresses a new client could get now").textProperty().bind(model.free());
        Tiles.add(tiles, "utilisation", "Utilisation", "Leased, reserved, declined and offered addresses as a share of all pools")
                .textProperty().bind(model.utilisation());
        Tiles.add(tiles, "near", "Pools near exhaustion", "Pools at or above the warning threshold (Settings)")
                .textProperty().bind(model.nearExhaustion());
        Tiles.add(tiles, "dora", "DORA per second", "New leases granted per second, over the last refresh")
                .textProperty().bind(model.doraRate());
        Tiles.add(tiles, "naks", "NAKs", "NAKs sent since the server started").textProperty().bind(model.naks());
        Tiles.add(tiles, "declines", "Declines", "Addresses clients declined since the server started (held in probation)")
                .textProperty().bind(model.declines());

        Label fleet = new Label();
        fleet.setId("lab-fleet");
        fleet.getStyleClass().add("fleet");
        fleet.textProperty().bind(model.fleet());
        fleet.managedProperty().bind(fleet.textProperty().isNotEmpty());

        pools.getStyleClass().add("pools");
        pools.setId("dashboard-pools");
        noPools.getStyleClass().add("muted");
        pools.getChildren().add(noPools);

        ListView<LiveFigures.Alert> alerts = new ListView<>(context.live().alerts());
        alerts.setId("dashboard-alerts");
        alerts.setPlaceholder(new Label("No alerts. Threshold crossings and server alarms appear here."));
        alerts.setCellFactory(list -> {
            AlertCell cell = new AlertCell();
            // Wrapped to the list's width: an alert is read whole, never scrolled sideways.
            cell.prefWidthProperty().bind(list.widthProperty().subtract(24));
            cell.setWrapText(true);
            return cell;
        });
        alerts.setPrefHeight(220);

        HBox legend = new HBox();
        legend.getStyleClass().add("legend");
        for (String part : new String[] {"leased", "reserved", "declined", "offered", "free"}) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", "split-" + part, part.equals("leased") ? "level-normal" : "plain");
            Label name = new Label(part, swatch);
            legend.getChildren().add(name);
        }
        HBox middle = new HBox(card("Utilisation per pool", new VBox(10, pools, legend)), card("Alerts", alerts));
        middle.getStyleClass().add("cards");
        HBox.setHgrow(middle.getChildren().get(0), Priority.ALWAYS);
        // The pool card takes the spare width, but never the alert card's: alerts are sentences.
        ((Region) middle.getChildren().get(1)).setPrefWidth(380);
        ((Region) middle.getChildren().get(1)).setMinWidth(320);

        range.getItems().addAll(RANGES.keySet());
        range.setValue("Last 15 minutes");
        range.setTooltip(new Tooltip("How far back the chart reaches"));
        range.setId("chart-range");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(280);
        chart.setId("utilisation-chart");
        chart.getYAxis().setLabel("%");
        timeAxis.setAutoRanging(false);
        timeAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return CLOCK.format(Instant.ofEpochSecond(seconds.longValue()));
            }

            @Override
            public Number fromString(String text) {
                return LocalTime.parse(text).toSecondOfDay();
            }
        });
        Label chartTitle = new Label("Utilisation over time");
        chartTitle.getStyleClass().add("card-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox chartHeader = new HBox(chartTitle, spacer, range);
        chartHeader.setAlignment(Pos.CENTER_LEFT);
        VBox chartCard = new VBox(chartHeader, chart);
        chartCard.getStyleClass().add("card");

        VBox page = new VBox(title, createLabBar(), tiles, fleet, middle, chartCard);
        page.getStyleClass().add("page");
        return page;
    }

    private HBox createLabBar() {
        Label lab = new Label("Lab");
        lab.getStyleClass().add("card-title");
        clients.setEditable(true);
        clients.setPrefWidth(95);
        clients.setId("lab-clients");
        clients.setTooltip(new Tooltip("Simulated clients, each with its own MAC"));
        poolSize.setEditable(true);
        poolSize.setPrefWidth(95);
        poolSize.setId("lab-pool");
        poolSize.setTooltip(new Tooltip("Addresses in the lab pool: fewer than clients shows a pool running out"));
        rate.setId("lab-rate");
        rate.setPrefWidth(140);
        rate.setMinWidth(80);
        rate.setTooltip(new Tooltip("New exchanges started per second; far right is full speed. Changes apply while the lab runs."));
        rateText.setPrefWidth(70);
        startLab.setId("lab-start");
        startLab.setTooltip(new Tooltip("Run a server on 127.0.0.1 with a simulated client fleet: nothing leaves this machine"));
        startLab.setDefaultButton(false);
        startLab.setOnAction(event -> startLab());
        // Whoever started the server (this bar, the setup, the status bar), these buttons follow it.
        startLab.disableProperty().bind(context.server().busy());
        stopLab.disableProperty().bind(context.server().labServing().not());
        stopLab.setId("lab-stop");
        stopLab.setTooltip(new Tooltip("Stop the lab fleet and its server"));
        stopLab.setOnAction(event -> FxBackground.whenDone(workbench.stop(), state -> context.live().refresh(),
                failure -> labMessage.setText(failure.getMessage())));
        labMessage.getStyleClass().add("danger");
        labMessage.setId("lab-message");
        HBox bar = new HBox(lab, new Label("Clients"), clients, new Label("Pool size"), poolSize, new Label("Rate"), rate, rateText,
                startLab, stopLab, labMessage);
        bar.getStyleClass().add("lab-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        // Words and buttons keep their size in a narrow window; the message and the slider give way first.
        bar.getChildren().stream()
                .filter(node -> node instanceof Labeled && node != labMessage)
                .forEach(node -> ((Labeled) node).setMinWidth(Region.USE_PREF_SIZE));
        return bar;
    }

    private static VBox card(String title, javafx.scene.Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("card-title");
        VBox card = new VBox(label, content);
        card.getStyleClass().add("card");
        return card;
    }

    private void initListeners() {
        showRate();
        rate.valueProperty().addListener((observable, before, now) -> showRate());
        rate.valueChangingProperty().addListener((observable, was, changing) -> {
            if (!changing) {
                applyRate();
            }
        });
        rate.setOnMouseReleased(event -> applyRate());
        rate.setOnKeyReleased(event -> applyRate());
        context.live().snapshot().addListener((observable, before, snapshot) -> show(snapshot));
        show(context.live().snapshot().get());
        range.valueProperty().addListener((observable, before, now) -> reloadChart());
        chartTimer.setCycleCount(Timeline.INDEFINITE);
        // The chart reloads only while the dashboard is on screen.
        sceneProperty().addListener((observable, before, scene) -> {
            if (scene == null) {
                chartTimer.stop();
            } else {
                chartTimer.play();
                reloadChart();
            }
        });
    }

    double chosenRate() {
        return Math.min(LabSettings.FULL_SPEED, Math.round(Math.pow(10, rate.getValue())));
    }

    private void showRate() {
        double value = chosenRate();
        rateText.setText(value >= LabSettings.FULL_SPEED ? "full speed" : String.format(Locale.ROOT, "%,.0f/s", value));
    }

    private void applyRate() {
        workbench.lab().ifPresent(fleet -> fleet.setRate(chosenRate()));
    }

    private void startLab() {
        labMessage.setText("");
        LabSettings settings;
        try {
            settings = LabSettings.DEFAULTS.withClients(clients.getValue()).withPoolSize(poolSize.getValue()).withRate(chosenRate());
        } catch (IllegalArgumentException e) {
            labMessage.setText(e.getMessage());
            return;
        }
        FxBackground.whenDone(workbench.startLab(settings), state -> {
            if (state instanceof Workbench.Failed failed) {
                labMessage.setText(failed.reason());
            }
            context.live().refresh();
            reloadChart();
        }, failure -> labMessage.setText(failure.getMessage()));
    }

    private static String key(DashboardFeed.PoolFigures pool) {
        return pool.subnetId() + "/" + pool.poolId() + "/" + pool.range();
    }

    private void show(DashboardFeed.Snapshot snapshot) {
        model.show(snapshot);
        if (snapshot.pools().isEmpty()) {
            pools.getChildren().setAll(noPools);
            poolBars.clear();
            return;
        }
        List<javafx.scene.Node> rows = new ArrayList<>();
        for (DashboardFeed.PoolFigures pool : snapshot.pools()) {
            PoolBar bar = poolBars.computeIfAbsent(key(pool), key -> {
                // A new pool gets its forecast at the next chart reload.
                lastForecast = Instant.EPOCH;
                return new PoolBar();
            });
            bar.show(pool, context.settings().current().thresholds());
            rows.add(bar);
        }
        if (!pools.getChildren().equals(rows)) {
            pools.getChildren().setAll(rows);
        }
    }

    private record ChartData(Map<String, List<UtilisationSample>> series, Map<String, ExhaustionForecast.Outcome> forecasts) {}

    private void reloadChart() {
        List<DashboardFeed.PoolFigures> shown = context.live().snapshot().get().pools();
        if (chartLoading || getScene() == null) {
            return;
        }
        chartLoading = true;
        Instant until = Instant.now();
        Instant from = until.minus(RANGES.get(range.getValue()));
        // Forecasts read two weeks of samples: once a minute is often enough for a trend of days.
        boolean forecastDue = until.isAfter(lastForecast.plus(Duration.ofMinutes(1)));
        FxBackground.run(() -> {
            Map<String, List<UtilisationSample>> series = new LinkedHashMap<>();
            Map<String, ExhaustionForecast.Outcome> forecasts = new HashMap<>();
            for (DashboardFeed.PoolFigures pool : shown) {
                series.put(pool.range(), history.of(pool.subnetId(), pool.poolId(), from, until, CHART_POINTS));
                if (forecastDue) {
                    forecasts.put(key(pool), history.forecast(pool.subnetId(), pool.poolId(), until));
                }
            }
            return new ChartData(series, forecasts);
        }, data -> {
            chartLoading = false;
            Map<String, List<UtilisationSample>> series = data.series();
            if (forecastDue) {
                lastForecast = until;
            }
            data.forecasts().forEach((key, outcome) -> {
                PoolBar bar = poolBars.get(key);
                if (bar != null) {
                    bar.showForecast(outcome);
                }
            });
            timeAxis.setLowerBound(from.getEpochSecond());
            timeAxis.setUpperBound(until.getEpochSecond());
            timeAxis.setTickUnit(Math.max(1, (until.getEpochSecond() - from.getEpochSecond()) / 6.0));
            List<XYChart.Series<Number, Number>> lines = new ArrayList<>();
            series.forEach((name, samples) -> {
                XYChart.Series<Number, Number> line = new XYChart.Series<>();
                line.setName(name);
                for (UtilisationSample sample : samples) {
                    line.getData().add(new XYChart.Data<>(sample.time().getEpochSecond(), sample.usage().utilisation() * 100));
                }
                lines.add(line);
            });
            chart.getData().setAll(lines);
        }, failure -> {
            chartLoading = false;
            labMessage.setText("The utilisation history cannot be read: " + failure.getMessage());
        });
    }

    private static final class AlertCell extends ListCell<LiveFigures.Alert> {
        @Override
        protected void updateItem(LiveFigures.Alert alert, boolean empty) {
            super.updateItem(alert, empty);
            getStyleClass().removeAll("alert-critical", "alert-warning", "alert-normal");
            if (empty || alert == null) {
                setText(null);
                return;
            }
            setText(CLOCK.format(alert.time()) + "  " + alert.text());
            getStyleClass().add("alert-" + alert.level().name().toLowerCase(Locale.ROOT));
        }
    }
}
