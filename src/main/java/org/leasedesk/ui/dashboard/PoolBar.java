package org.leasedesk.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.leasedesk.app.DashboardFeed;
import org.leasedesk.app.ExhaustionForecast;
import org.leasedesk.app.Thresholds;
import org.leasedesk.lease.PoolUsage;

/**
 * One pool as a horizontal bar split into leased, reserved, declined, offered and free, its
 * utilisation coloured by threshold level. The row is kept and updated in place between refreshes.
 */
final class PoolBar extends HBox {

    private static final String FRACTION = "pool-bar-fraction";
    private static final String[] LEVELS = {"level-normal", "level-warning", "level-critical"};

    private final Label name = new Label();
    private final HBox bar = new HBox();
    private final Region leased = segment("split-leased");
    private final Region reserved = segment("split-reserved");
    private final Region declined = segment("split-declined");
    private final Region offered = segment("split-offered");
    private final Region free = segment("split-free");
    private final Label percent = new Label();
    private final Tooltip split = new Tooltip();
    private final Label forecast = new Label("Forecast: waiting for samples");

    PoolBar() {
        getStyleClass().add("pool-bar");
        name.getStyleClass().add("pool-name");
        percent.getStyleClass().add("pool-percent");
        bar.getStyleClass().add("bar");
        bar.getChildren().addAll(leased, reserved, declined, offered, free);
        HBox.setHgrow(bar, Priority.ALWAYS);
        // The segments size themselves from the bar's width, so the bar's own width must not come from them.
        bar.setMinWidth(100);
        bar.setPrefWidth(360);
        bar.setMaxWidth(Double.MAX_VALUE);
        Tooltip.install(bar, split);
        forecast.getStyleClass().add("pool-forecast");
        // Narrow windows wrap the forecast rather than push the alert card out of sight.
        forecast.setMinWidth(120);
        forecast.setPrefWidth(230);
        forecast.setWrapText(true);
        getChildren().addAll(name, bar, percent, forecast);
    }

    /** The exhaustion forecast in words, refreshed less often than the usage. */
    void showForecast(ExhaustionForecast.Outcome outcome) {
        forecast.setText(describe(outcome, Instant.now()));
        forecast.setTooltip(new Tooltip("From the daily peaks of the last 14 days of stored samples"));
    }

    static String describe(ExhaustionForecast.Outcome outcome, Instant now) {
        return switch (outcome) {
            case ExhaustionForecast.FullAt full -> "Full in " + span(Duration.between(now, full.when()))
                    + String.format(Locale.ROOT, " (+%.1f/day)", full.addressesPerDay());
            case ExhaustionForecast.AlreadyFull full -> "Full now";
            case ExhaustionForecast.NotAtCurrentTrend flat -> "Not filling at the current trend";
            case ExhaustionForecast.InsufficientHistory none -> "Forecast after 3 days of samples";
        };
    }

    private static String span(Duration duration) {
        long days = duration.toDays();
        return days >= 2 ? days + " days" : Math.max(1, duration.toHours()) + " hours";
    }

    private static Region segment(String styleClass) {
        Region region = new Region();
        region.getStyleClass().addAll("segment", styleClass);
        region.setMinWidth(0);
        return region;
    }

    void show(DashboardFeed.PoolFigures pool, Thresholds thresholds) {
        PoolUsage usage = pool.usage();
        name.setText("Subnet " + pool.subnetId() + " · " + pool.range());
        percent.setText(usage.utilisationPercent() + " %");
        percent.getStyleClass().removeAll(LEVELS);
        leased.getStyleClass().removeAll(LEVELS);
        String level = LEVELS[thresholds.level(usage).ordinal()];
        percent.getStyleClass().add(level);
        leased.getStyleClass().add(level);
        double total = Math.max(1, usage.total());
        width(leased, usage.dynamicLeased() / total);
        width(reserved, usage.reservedInPool() / total);
        width(declined, usage.declined() / total);
        width(offered, usage.offered() / total);
        width(free, usage.free() / total);
        split.setText(String.format(Locale.ROOT, "%,d addresses: %,d leased, %,d reserved, %,d declined, %,d offered, %,d free",
                usage.total(), usage.dynamicLeased(), usage.reservedInPool(), usage.declined(), usage.offered(), usage.free()));
    }

    private void width(Region segment, double fraction) {
        if (segment.getProperties().get(FRACTION) instanceof Double shown && shown == fraction) {
            // Unchanged since the last refresh: leave the binding, so the bar is not laid out again.
            return;
        }
        segment.getProperties().put(FRACTION, fraction);
        segment.prefWidthProperty().unbind();
        segment.prefWidthProperty().bind(bar.widthProperty().multiply(fraction));
        segment.setVisible(fraction > 0);
        segment.setManaged(fraction > 0);
    }
}
