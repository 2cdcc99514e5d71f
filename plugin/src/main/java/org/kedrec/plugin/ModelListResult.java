package org.kedrec.plugin;

import java.util.List;
import org.neo4j.procedure.Description;

/** One row of {@code kedrec.model.list}: one model directory. */
public final class ModelListResult {
    @Description(Constants.MODEL_NAME)
    public final String name;

    @Description(Constants.MODEL_PATH)
    public final String path;

    @Description(Constants.MODEL_DEFAULT)
    public final boolean isDefault;

    @Description(Constants.MODEL_ACTIVE)
    public final boolean active;

    @Description(Constants.MODEL_STATE)
    public final String state;

    @Description(Constants.MODEL_COMPONENTS)
    public final List<String> components;

    @Description(Constants.MODEL_CREATED)
    public final String createdAt;

    @Description(Constants.MODEL_HASH)
    public final String dataHash;

    @Description(Constants.MODEL_ERROR)
    public final String error;

    public ModelListResult(String name, String path, boolean isDefault, boolean active, String state,
            List<String> components, String createdAt, String dataHash, String error) {
        this.name = name;
        this.path = path;
        this.isDefault = isDefault;
        this.active = active;
        this.state = state;
        this.components = components;
        this.createdAt = createdAt;
        this.dataHash = dataHash;
        this.error = error;
    }
}
