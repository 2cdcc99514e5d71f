package org.kedrec.plugin;

import org.neo4j.procedure.Description;
import org.neo4j.procedure.UserFunction;

/** {@code RETURN kedrec.version()}: the cheapest proof that the plugin jar was found and loaded. */
public final class VersionFunction {
    @UserFunction(name = "kedrec.version")
    @Description(Constants.VERSION_DESCRIPTION)
    public String version() {
        return PluginVersion.version();
    }
}
