package org.leasedesk.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.leasedesk.lease.UtilisationSample;
import org.leasedesk.store.TimeRange;
import org.leasedesk.store.UtilisationRepository;

/** A pool's stored utilisation samples over a time range, thinned to what a chart can show. */
public final class UtilisationHistory {

    private final UtilisationRepository samples;
    private final ExhaustionForecast forecast = new ExhaustionForecast();

    public UtilisationHistory(Workbench workbench) {
        this.samples = new UtilisationRepository(workbench.database());
    }

    /**
     * The samples of one pool between {@code from} and {@code until}, oldest first, at most
     * {@code maxPoints} of them: when there are more, each point is the busiest sample of its
     * stretch, so a short peak is not thinned away.
     */
    public List<UtilisationSample> of(long subnetId, long poolId, Instant from, Instant until, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("a chart needs at least 2 points, not " + maxPoints);
        }
        List<UtilisationSample> all = samples.read(subnetId, poolId, new TimeRange(from, until));
        if (all.size() <= maxPoints) {
            return all;
        }
        List<UtilisationSample> thinned = new ArrayList<>(maxPoints);
        double stretch = (double) all.size() / maxPoints;
        for (int i = 0; i < maxPoints; i++) {
            int start = (int) (i * stretch);
            int end = (int) Math.min(all.size(), (i + 1) * stretch);
            UtilisationSample busiest = all.get(start);
            for (int j = start + 1; j < end; j++) {
                if (all.get(j).usage().utilisation() > busiest.usage().utilisation()) {
                    busiest = all.get(j);
                }
            }
            thinned.add(busiest);
        }
        return thinned;
    }

    /** When the pool will run out at its daily peaks' trend, from the samples of the forecast's window before {@code now}. */
    public ExhaustionForecast.Outcome forecast(long subnetId, long poolId, Instant now) {
        return forecast.forecast(samples.read(subnetId, poolId,
                new TimeRange(now.minus(ExhaustionForecast.DEFAULT_WINDOW), now.plusSeconds(1))));
    }
}
