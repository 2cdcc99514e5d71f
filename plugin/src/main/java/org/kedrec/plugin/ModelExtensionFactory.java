package org.kedrec.plugin;

import java.nio.file.Path;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;
import org.neo4j.logging.internal.LogService;

/**
 * Creates the {@link ModelService} once per database server (a GLOBAL extension, like GDS's and APOC's pools),
 * registers it as a <em>safe</em> procedure component, so procedures receive it through {@code @Context} without
 * any {@code dbms.security.procedures.unrestricted} setting, starts loading the default model when the server
 * starts and closes every model when it shuts down.
 *
 * <p>Internal Neo4j API: {@code ExtensionFactory} and {@code GlobalProcedures.registerComponent} are not part of the
 * public procedure API. They are the mechanism APOC ({@code RegisterComponentFactory}) and GDS use, and they are
 * pinned by building against exactly the server's Neo4j version; the server IT re-checks them on every version bump.
 * Found by Neo4j through {@code META-INF/services/org.neo4j.kernel.extension.ExtensionFactory}.
 */
public final class ModelExtensionFactory extends ExtensionFactory<ModelExtensionFactory.Dependencies> {
    /** What Neo4j injects: resolved by return type from the server's global dependencies. */
    public interface Dependencies {
        GlobalProcedures globalProcedures();

        Config config();

        LogService logService();

        DatabaseManagementService databaseManagementService();
    }

    public ModelExtensionFactory() {
        super(ExtensionType.GLOBAL, "kedrec-model-service");
    }

    /** {@inheritDoc} */
    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        Path home = dependencies.config().get(GraphDatabaseSettings.neo4j_home).toAbsolutePath();
        Path confDir = KedrecSettings.confDir(home, System.getenv(), System.getProperty("sun.java.command"));
        ModelService service = new ModelService(home,
                () -> KedrecSettings.load(home, confDir, System.getenv()),
                dependencies.logService().getUserLog(ModelService.class));
        AdjacencyCache adjacency = new AdjacencyCache(dependencies.databaseManagementService(),
                dependencies.logService().getUserLog(AdjacencyCache.class));
        service.useAdjacency(adjacency);
        return new LifecycleAdapter() {
            @Override
            public void init() throws Exception {
                // Before the procedures are compiled, so their @Context ModelService fields can be injected.
                dependencies.globalProcedures().registerComponent(ModelService.class, ctx -> service, true);
            }

            @Override
            public void start() {
                String database = dependencies.config().get(GraphDatabaseSettings.initial_default_database);
                service.start(model -> PlanWarmer.warmLater(dependencies.databaseManagementService(), database, model,
                        adjacency, dependencies.logService().getUserLog(PlanWarmer.class)));
            }

            @Override
            public void shutdown() {
                service.close();
            }
        };
    }
}
