package io.sam6d.vision.synthetic;

/**
 * Which generator seeds are for what: seeds 1-999 make sets to tune on (look at them, choose thresholds on them),
 * seeds from 1000 on make sets to report on (run once a change is settled, never tuned on). The standard
 * development sets ({@link DevData}) follow this split; {@code synthetic_info.json} records the purpose of a set's
 * seed, and the benchmark prints it.
 */
public final class SeedSplit {

    /** The first seed for reporting; every seed below is for tuning. */
    public static final long FIRST_REPORTING_SEED = 1000;

    private SeedSplit() {
    }

    /** {@code "tuning"} or {@code "reporting"}. */
    public static String purposeOf(long seed) {
        return seed >= FIRST_REPORTING_SEED ? "reporting" : "tuning";
    }
}
