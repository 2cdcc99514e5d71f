package org.kedrec.importer.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.kedrec.core.progress.ProgressTracker;

/**
 * Runs a batched query over a list on a thread pool and merges the keyed results in input order.
 *
 * <p>The batches are of equal size (± 1) rather than full batches and a remainder: Neo4j caches a plan per
 * parameter list size bucket (1, 2–10, 11–100, 101–1000, …), so a short last batch would cost a second plan of
 * the 27-branch path query (5–15 s). The first batch runs alone, so that its plan is cached before the other
 * threads ask for it instead of every thread planning the same query at once.
 */
final class ParallelBatches {
    private ParallelBatches() {}

    /** Batch sizes that split {@code total} items into equal parts of at most {@code batchSize}. */
    static List<Integer> sizes(int total, int batchSize) {
        List<Integer> sizes = new ArrayList<>();
        if (total == 0) {
            return sizes;
        }
        int batches = (total + batchSize - 1) / batchSize;
        int base = total / batches;
        int larger = total % batches;
        for (int i = 0; i < batches; i++) {
            sizes.add(base + (i < larger ? 1 : 0));
        }
        return sizes;
    }

    static <T, V> Map<String, V> run(ExecutorService pool, List<T> items, int batchSize,
            Function<List<T>, Map<String, V>> query, ProgressTracker progress) {
        List<List<T>> batches = new ArrayList<>();
        int from = 0;
        for (int size : sizes(items.size(), batchSize)) {
            batches.add(List.copyOf(items.subList(from, from + size)));
            from += size;
        }
        Map<String, V> out = new LinkedHashMap<>();
        if (batches.isEmpty()) {
            return out;
        }
        out.putAll(query.apply(batches.get(0)));
        synchronized (progress) {
            progress.advance(batches.get(0).size());
        }
        List<Future<Map<String, V>>> futures = new ArrayList<>();
        for (List<T> batch : batches.subList(1, batches.size())) {
            futures.add(pool.submit(() -> {
                Map<String, V> result = query.apply(batch);
                synchronized (progress) {
                    progress.advance(batch.size());
                }
                return result;
            }));
        }
        try {
            for (Future<Map<String, V>> future : futures) {
                out.putAll(future.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The dataset build was interrupted.", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        return out;
    }
}
