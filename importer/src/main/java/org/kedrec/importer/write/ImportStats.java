package org.kedrec.importer.write;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters an import accumulates while it runs; safe to update from the writer threads. */
public final class ImportStats {
    final LongAdder nodesCreated = new LongAdder();
    final LongAdder relationshipsCreated = new LongAdder();
    final LongAdder propertiesSet = new LongAdder();
    final LongAdder rowsWritten = new LongAdder();
    final LongAdder batches = new LongAdder();
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> ignored = new ConcurrentHashMap<>();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    public long nodesCreated() {
        return nodesCreated.sum();
    }

    public long relationshipsCreated() {
        return relationshipsCreated.sum();
    }

    public long propertiesSet() {
        return propertiesSet.sum();
    }

    public long batches() {
        return batches.sum();
    }

    /** Counts a bad line skipped under {@code --on-error skip}. */
    public void skip(String reason) {
        skipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Counts input that is valid but has no place in the graph (e.g. a mention of an entity not in it). */
    public void ignore(String reason) {
        ignore(reason, 1);
    }

    public void ignore(String reason, long count) {
        if (count > 0) {
            ignored.computeIfAbsent(reason, r -> new LongAdder()).add(count);
        }
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public Map<String, Long> skipped() {
        return snapshot(skipped);
    }

    public Map<String, Long> ignored() {
        return snapshot(ignored);
    }

    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
