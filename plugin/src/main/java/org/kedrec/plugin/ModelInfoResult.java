package org.kedrec.plugin;

import java.util.Map;
import org.neo4j.procedure.Description;

/** The single row of {@code kedrec.model.info} and {@code kedrec.model.load}. */
public final class ModelInfoResult {
    @Description(Constants.MODEL_NAME)
    public final String name;

    @Description(Constants.MODEL_PATH)
    public final String path;

    @Description(Constants.MODEL_STATE)
    public final String state;

    @Description(Constants.MODEL_ERROR)
    public final String error;

    @Description(Constants.MODEL_KIND)
    public final String kind;

    @Description(Constants.MODEL_ENGINE)
    public final String engine;

    @Description(Constants.MODEL_DEVICE)
    public final String device;

    @Description(Constants.MODEL_PARAMETERS)
    public final Long parameters;

    @Description(Constants.MODEL_LOAD_MILLIS)
    public final Long loadMillis;

    @Description(Constants.MODEL_LOADED_AT)
    public final String loadedAt;

    @Description(Constants.MODEL_VERSION)
    public final String version;

    @Description(Constants.MODEL_CREATED)
    public final String createdAt;

    @Description(Constants.MODEL_HASH)
    public final String dataHash;

    @Description(Constants.MODEL_METRICS)
    public final Map<String, Object> metrics;

    @Description(Constants.MODEL_COUNTS)
    public final Map<String, Object> counts;

    @Description(Constants.MODEL_STUDENT)
    public final Map<String, Object> student;

    @Description(Constants.MODEL_SETTINGS)
    public final Map<String, Object> settings;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public ModelInfoResult(String name, String path, String state, String error, String kind, String engine,
            String device, Long parameters, Long loadMillis, String loadedAt, String version, String createdAt,
            String dataHash, Map<String, Object> metrics, Map<String, Object> counts, Map<String, Object> student,
            Map<String, Object> settings) {
        this.name = name;
        this.path = path;
        this.state = state;
        this.error = error;
        this.kind = kind;
        this.engine = engine;
        this.device = device;
        this.parameters = parameters;
        this.loadMillis = loadMillis;
        this.loadedAt = loadedAt;
        this.version = version;
        this.createdAt = createdAt;
        this.dataHash = dataHash;
        this.metrics = metrics;
        this.counts = counts;
        this.student = student;
        this.settings = settings;
    }
}
