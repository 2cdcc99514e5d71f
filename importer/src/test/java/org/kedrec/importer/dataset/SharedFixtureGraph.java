package org.kedrec.importer.dataset;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link FixtureGraph} for all test classes of the module (the harness start and, above all, the first
 * plan of the 27-branch path query are the expensive parts) and closes it when the test run ends.
 */
final class SharedFixtureGraph implements BeforeAllCallback {
    /** Bolt port of the shared harness, inside this worktree's range 8000-8099. */
    static final int PORT = 8010;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedFixtureGraph.class);
    private static volatile FixtureGraph graph;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("graph", key -> {
            graph = FixtureGraph.start(PORT);
            return (ExtensionContext.Store.CloseableResource) () -> graph.close();
        });
    }

    static FixtureGraph graph() {
        return graph;
    }
}
