package org.kedrec.importer.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The graph an import would write, built in memory instead of over Bolt, for a first load of an empty database with
 * {@code neo4j-admin database import} ({@link AdminImportFiles} writes it as that tool's CSV files).
 *
 * <p>Rows arrive through the same {@link GraphWriter} calls as an online import and are merged with the same
 * semantics as its Cypher: a new node or relationship gets the row's properties; a repeated one keeps its values
 * where the row has none ({@code coalesce}), appends the values of union lists it does not hold yet, and keeps the
 * larger value of a maximum property. So the database the admin tool writes holds what an online import into an
 * empty database holds, and a later online import over it creates nothing.
 *
 * <p>Not thread-safe: the import's reading thread calls it.
 */
public final class OfflineGraph {
    /** Label to id to properties (insertion order, so files come out in input order). */
    private final Map<String, Map<String, Map<String, Object>>> nodes = new LinkedHashMap<>();
    /** (type, start label, end label, key properties) to the relationships of that shape. */
    private final Map<Shape, Map<Ends, Map<String, Object>>> relationships = new LinkedHashMap<>();
    /** Each spec's shape map, looked up once per spec (shapes are equal across specs with the same key). */
    private final Map<GraphWriter.RelSpec, Map<Ends, Map<String, Object>>> bySpec = new IdentityHashMap<>();

    /** A relationship shape: its type, the labels of its ends and its constant key properties. */
    record Shape(String type, String startLabel, String endLabel, Map<String, Object> keyProps) {}

    /** The ends of one relationship. */
    record Ends(String start, String end) {}

    /**
     * Writes a node row with the spec's semantics; true when the node is new.
     *
     * @param props the row's properties without nulls (checked against the spec)
     */
    boolean node(GraphWriter.NodeSpec spec, String id, Map<String, Object> props, Map<String, List<?>> unions) {
        Map<String, Map<String, Object>> label = nodes.computeIfAbsent(spec.label, l -> new LinkedHashMap<>());
        Map<String, Object> existing = label.get(id);
        if (existing == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("id", id);
            props.forEach((k, v) -> created.put(k, normalise(v)));
            for (String list : spec.unionLists) {
                List<?> values = unions == null ? null : unions.get(list);
                if (values != null) {
                    created.put(list, normalise(values));
                }
            }
            label.put(id, created);
            return true;
        }
        if (spec.mode == GraphWriter.NodeMode.ENSURE) {
            return false;
        }
        props.forEach((k, v) -> existing.put(k, normalise(v)));
        for (String list : spec.unionLists) {
            union(existing, list, unions == null ? null : unions.get(list));
        }
        return false;
    }

    /** Writes a relationship row with the spec's semantics; true when the relationship is new. */
    boolean relationship(GraphWriter.RelSpec spec, String startId, String endId, Map<String, Object> props,
            Map<String, List<?>> unions, Map<String, Object> max) {
        Map<Ends, Map<String, Object>> rels = bySpec.computeIfAbsent(spec, s -> relationships.computeIfAbsent(
                new Shape(s.type, s.startLabel, s.endLabel, new TreeMap<>(s.keyProps)), k -> new LinkedHashMap<>()));
        Ends ends = new Ends(startId, endId);
        Map<String, Object> existing = rels.get(ends);
        if (existing == null) {
            Map<String, Object> created = new HashMap<>(4);
            props.forEach((k, v) -> created.put(k, normalise(v)));
            for (String list : spec.unionLists) {
                List<?> values = unions == null ? null : unions.get(list);
                if (values != null) {
                    created.put(list, normalise(values));
                }
            }
            for (String name : spec.maxProps) {
                Object value = max == null ? null : max.get(name);
                if (value != null) {
                    created.put(name, normalise(value));
                }
            }
            rels.put(ends, created);
            return true;
        }
        props.forEach((k, v) -> existing.put(k, normalise(v)));
        for (String list : spec.unionLists) {
            union(existing, list, unions == null ? null : unions.get(list));
        }
        for (String name : spec.maxProps) {
            Object value = max == null ? null : normalise(max.get(name));
            Object old = existing.get(name);
            if (value != null && (old == null || compare(old, value) < 0)) {
                existing.put(name, value);
            }
        }
        return false;
    }

    /**
     * {@code coalesce(p, []) + [v IN new WHERE NOT v IN coalesce(p, [])]}: the union list query of
     * {@link GraphWriter}, duplicates inside the new values included, as Cypher does.
     */
    private static void union(Map<String, Object> entity, String name, List<?> values) {
        if (values == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object> old = (List<Object>) entity.get(name);
        List<Object> merged = old == null ? new ArrayList<>() : new ArrayList<>(old);
        for (Object value : normalise(values)) {
            if (old == null || !old.contains(value)) {
                merged.add(value);
            }
        }
        entity.put(name, merged);
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** Values as the driver would send them: integers as longs, floats as doubles, collections as lists. */
    static Object normalise(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Collection<?> c) {
            return normalise(c);
        }
        return value;
    }

    private static List<Object> normalise(Collection<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(normalise(v));
        }
        return out;
    }

    /** The nodes of a label as the entity index sees them, for a later run on the same graph. */
    @SuppressWarnings("unchecked")
    List<EntityIndex.Entry> entries(String label) {
        List<EntityIndex.Entry> entries = new ArrayList<>();
        nodes.getOrDefault(label, Map.of()).forEach((id, props) -> entries.add(new EntityIndex.Entry(id,
                (String) props.get("name"), (List<String>) props.getOrDefault("xrefs", List.of()),
                (List<String>) props.getOrDefault("narrowerXrefs", List.of()))));
        return entries;
    }

    /** Nodes per label. */
    public Map<String, Long> labelCounts() {
        Map<String, Long> counts = new TreeMap<>();
        nodes.forEach((label, byId) -> {
            if (!byId.isEmpty()) {
                counts.merge(label, (long) byId.size(), Long::sum);
            }
        });
        return counts;
    }

    /** Relationships per type. */
    public Map<String, Long> typeCounts() {
        Map<String, Long> counts = new TreeMap<>();
        relationships.forEach((shape, rels) -> {
            if (!rels.isEmpty()) {
                counts.merge(shape.type(), (long) rels.size(), Long::sum);
            }
        });
        return counts;
    }

    Map<String, Map<String, Map<String, Object>>> nodes() {
        return nodes;
    }

    Map<Shape, Map<Ends, Map<String, Object>>> relationships() {
        return relationships;
    }
}
