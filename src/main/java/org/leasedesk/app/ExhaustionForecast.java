package org.leasedesk.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.leasedesk.lease.UtilisationSample;

/**
 * When a pool will run out, from its utilisation history.
 *
 * <p><b>Method.</b> Pools breathe: offices fill at nine and empty at six, so a straight line through
 * every sample of a few days follows the daily cycle and, depending on the hour, foresees the pool
 * full by tonight or never. The forecast therefore looks at the <em>daily peaks</em>:
 * <ol>
 *   <li>Take the samples of the last {@code window} (default 14 days) before the newest one.</li>
 *   <li>Cut them into 24-hour bins counted back from the newest sample and keep each bin's busiest
 *       sample (most addresses unavailable). The oldest bin is dropped when it covers less than
 *       20 hours, as a partial day may have missed its peak.</li>
 *   <li>Fit a line through the peaks with the Theil-Sen estimator: the slope is the median of the
 *       slopes between every pair of peaks, the intercept the median of what is left. Unlike least
 *       squares, one odd day (a holiday, a conference, a scan that grabbed fifty addresses) does
 *       not tilt it.</li>
 *   <li>Where that line reaches the pool's size (from the newest sample) is the forecast. A slope of
 *       zero or less, or a crossing beyond {@code horizon} (default 365 days), is "not at the
 *       current trend".</li>
 * </ol>
 * At least three daily peaks are needed; with fewer the answer is "insufficient history". The
 * forecast only extends the recent trend: growth that started within the last days, or a pool that
 * is resized, needs some days before the forecast follows.
 */
public final class ExhaustionForecast {

    /** What the forecast says about one pool. */
    public sealed interface Outcome permits FullAt, AlreadyFull, NotAtCurrentTrend, InsufficientHistory {}

    /**
     * The peaks' trend reaches the pool's size at {@code when}.
     *
     * @param addressesPerDay the peaks' growth
     * @param peaks how many daily peaks the fit used
     */
    public record FullAt(Instant when, double addressesPerDay, int peaks) implements Outcome {}

    /** The newest sample has no free address. */
    public record AlreadyFull(Instant since) implements Outcome {}

    /** The peaks are flat or shrinking, or grow too slowly to fill the pool within the horizon. */
    public record NotAtCurrentTrend(double addressesPerDay, int peaks) implements Outcome {}

    public record InsufficientHistory(String reason) implements Outcome {}

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(365);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration LEAST_COVERED = Duration.ofHours(20);
    private static final int LEAST_PEAKS = 3;

    private final Duration window;
    private final Duration horizon;

    public ExhaustionForecast() {
        this(DEFAULT_WINDOW, DEFAULT_HORIZON);
    }

    public ExhaustionForecast(Duration window, Duration horizon) {
        this.window = Objects.requireNonNull(window, "window");
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        if (window.compareTo(DAY.multipliedBy(LEAST_PEAKS)) < 0) {
            throw new IllegalArgumentException("the forecast window must cover at least " + LEAST_PEAKS + " days, was " + window);
        }
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the forecast horizon must be positive, was " + horizon);
        }
    }

    /** The forecast from one pool's samples, oldest first (as the store returns them). */
    public Outcome forecast(List<UtilisationSample> samples) {
        if (samples.isEmpty()) {
            return new InsufficientHistory("no utilisation samples recorded");
        }
        UtilisationSample newest = samples.get(samples.size() - 1);
        if (newest.usage().total() > 0 && newest.usage().free() == 0) {
            return new AlreadyFull(newest.time());
        }
        List<UtilisationSample> peaks = dailyPeaks(samples, newest.time());
        if (peaks.size() < LEAST_PEAKS) {
            return new InsufficientHistory("a forecast needs " + LEAST_PEAKS + " days of samples, there are "
                    + peaks.size() + " full day(s)");
        }
        double[] days = new double[peaks.size()];
        double[] used = new double[peaks.size()];
        for (int i = 0; i < peaks.size(); i++) {
            days[i] = daysBetween(newest.time(), peaks.get(i).time());
            used[i] = peaks.get(i).usage().unavailable();
        }
        double slope = theilSenSlope(days, used);
        double[] residuals = new double[days.length];
        for (int i = 0; i < days.length; i++) {
            residuals[i] = used[i] - slope * days[i];
        }
        // With x measured from the newest sample, the intercept is the trend's level now.
        double levelNow = median(residuals);
        double total = newest.usage().total();
        if (slope <= 0) {
            return new NotAtCurrentTrend(slope, peaks.size());
        }
        double daysToFull = Math.max(0, (total - levelNow) / slope);
        if (daysToFull * DAY.toSeconds() > horizon.toSeconds()) {
            return new NotAtCurrentTrend(slope, peaks.size());
        }
        return new FullAt(newest.time().plusSeconds(Math.round(daysToFull * DAY.toSeconds())), slope, peaks.size());
    }

    /** The busiest sample of each 24-hour bin counted back from {@code newest}, oldest first. */
    private List<UtilisationSample> dailyPeaks(List<UtilisationSample> samples, Instant newest) {
        Instant start = newest.minus(window);
        int bins = (int) (window.toSeconds() / DAY.toSeconds()) + 1;
        UtilisationSample[] busiest = new UtilisationSample[bins];
        Instant[] earliest = new Instant[bins];
        for (UtilisationSample sample : samples) {
            if (sample.time().isBefore(start) || sample.time().isAfter(newest)) {
                continue;
            }
            // Bin 0 ends at the newest sample (included); bin k covers the 24 hours before bin k-1.
            long secondsBack = Duration.between(sample.time(), newest).toSeconds();
            int bin = (int) Math.min(bins - 1, secondsBack / DAY.toSeconds());
            if (busiest[bin] == null || sample.usage().unavailable() >= busiest[bin].usage().unavailable()) {
                busiest[bin] = sample;
            }
            if (earliest[bin] == null || sample.time().isBefore(earliest[bin])) {
                earliest[bin] = sample.time();
            }
        }
        List<UtilisationSample> peaks = new ArrayList<>();
        int oldest = -1;
        for (int bin = bins - 1; bin >= 0; bin--) {
            if (busiest[bin] != null) {
                oldest = bin;
                break;
            }
        }
        for (int bin = oldest; bin >= 0; bin--) {
            if (busiest[bin] == null) {
                continue;
            }
            Instant binStart = newest.minus(DAY.multipliedBy(bin + 1L));
            boolean partial = Duration.between(earliest[bin], binStart.plus(DAY)).compareTo(LEAST_COVERED) < 0;
            if (bin == oldest && partial) {
                continue;
            }
            peaks.add(busiest[bin]);
        }
        return peaks;
    }

    private static double daysBetween(Instant newest, Instant time) {
        return -Duration.between(time, newest).toMillis() / (double) DAY.toMillis();
    }

    /** The median of the slopes between every pair of points with different x. */
    static double theilSenSlope(double[] x, double[] y) {
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (x[j] != x[i]) {
                    slopes.add((y[j] - y[i]) / (x[j] - x[i]));
                }
            }
        }
        return median(slopes.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
