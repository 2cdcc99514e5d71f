package org.kedrec.trainer.student;

import ai.djl.training.tracker.Tracker;

/** Linear warm-up from 0 to {@code peak} over {@code warmup} updates, then cosine decay to {@code floor}. */
record WarmupCosine(float peak, float floor, int warmup, int total) implements Tracker {
    @Override
    public float getNewValue(int update) {
        if (update < warmup) {
            return peak * (update + 1) / warmup;
        }
        double progress = Math.min(1.0, (double) (update - warmup) / Math.max(1, total - warmup));
        return (float) (floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress)));
    }
}
