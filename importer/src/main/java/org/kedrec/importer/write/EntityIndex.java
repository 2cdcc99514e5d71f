package org.kedrec.importer.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the graph holds, per label: node ids, names and xrefs, loaded once from the database the first time a label
 * is asked for and kept up to date as the importer writes. The importer uses it to check that an edge's ends exist
 * (before writing, so a bad id names its line), to tell new nodes from existing ones (new ones are created, not
 * merged), and to link trials and publications: a MeSH id resolves to the node that has it among its
 * {@code xrefs}, or failing that among its {@code narrowerXrefs} (terms the node subsumes), or to a node with that
 * id (Symptoms are MeSH terms).
 *
 * <p>Not thread-safe: used by the thread that reads the input.
 */
public final class EntityIndex {
    private final Function<String, List<Entry>> loader;
    private final Map<String, LabelIndex> labels = new HashMap<>();

    /** One node as the index sees it. */
    public record Entry(String id, String name, Collection<String> xrefs, Collection<String> narrowerXrefs) {}

    public EntityIndex(Function<String, List<Entry>> loader) {
        this.loader = loader;
    }

    /** True when a node with this id and label exists or was written by this import. */
    public boolean contains(String label, String id) {
        return label(label).ids.contains(id);
    }

    /** Records a node this import writes. Returns false when it was known already. */
    public boolean add(String label, String id) {
        return label(label).ids.add(id);
    }

    /** Records a node with its name and xrefs, so that later steps can link to it. */
    public void add(String label, String id, String name, Collection<String> xrefs, Collection<String> narrower) {
        label(label).add(new Entry(id, name, xrefs, narrower));
    }

    /**
     * The ids of the nodes a CURIE names: the node with that id, else the nodes listing it in {@code xrefs}.
     * Empty when nothing matches.
     */
    public List<String> resolve(String label, String curie) {
        LabelIndex index = label(label);
        if (index.ids.contains(curie)) {
            return List.of(curie);
        }
        return index.xrefs.getOrDefault(curie, List.of());
    }

    /** Like {@link #resolve}, falling back to nodes that subsume the term ({@code narrowerXrefs}). */
    public List<String> resolveBroadly(String label, String curie) {
        List<String> direct = resolve(label, curie);
        return direct.isEmpty() ? label(label).narrower.getOrDefault(curie, List.of()) : direct;
    }

    /** Nodes whose name equals {@code name}, ignoring case. */
    public List<String> byName(String label, String name) {
        return label(label).names.getOrDefault(name.toLowerCase(Locale.ENGLISH), List.of());
    }

    /** Number of nodes known for a label. */
    public int size(String label) {
        return label(label).ids.size();
    }

    private LabelIndex label(String label) {
        return labels.computeIfAbsent(label, l -> {
            LabelIndex index = new LabelIndex();
            loader.apply(l).forEach(index::add);
            return index;
        });
    }

    private static final class LabelIndex {
        final Set<String> ids = new HashSet<>();
        final Map<String, List<String>> xrefs = new HashMap<>();
        final Map<String, List<String>> narrower = new HashMap<>();
        final Map<String, List<String>> names = new HashMap<>();

        void add(Entry e) {
            if (e.id() == null) {
                return;
            }
            ids.add(e.id());
            if (e.name() != null) {
                addTo(names, e.name().toLowerCase(Locale.ENGLISH), e.id());
            }
            if (e.xrefs() != null) {
                e.xrefs().forEach(x -> addTo(xrefs, x, e.id()));
            }
            if (e.narrowerXrefs() != null) {
                e.narrowerXrefs().forEach(x -> addTo(narrower, x, e.id()));
            }
        }

        private static void addTo(Map<String, List<String>> map, String key, String id) {
            List<String> ids = map.computeIfAbsent(key, k -> new ArrayList<>(1));
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
    }
}
