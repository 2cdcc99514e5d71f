package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kedrec.core.lm.CausalLm;
import org.kedrec.core.lm.UnseenDiseaseVote;
import org.kedrec.core.model.ModelManifest;
import org.kedrec.core.ranking.RankerInfo;
import org.neo4j.procedure.Admin;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code kedrec.model.list/info/load}: which models the server has, what they are, which one calls use. */
public final class ModelProcs {
    @Context
    public ModelService models;

    @Context
    public TerminationGuard terminationGuard;

    @Procedure(name = "kedrec.model.list", mode = Mode.READ)
    @Description(Constants.MODEL_LIST)
    public Stream<ModelListResult> list() {
        List<ModelListResult> rows = new ArrayList<>();
        for (ModelService.Listed listed : service().list()) {
            ModelManifest manifest = listed.manifest();
            rows.add(new ModelListResult(listed.name(), listed.path().toString(), listed.isDefault(), listed.active(),
                    listed.state(), manifest == null ? List.of() : List.copyOf(manifest.components()),
                    manifest == null ? null : manifest.createdAt(),
                    manifest == null ? null : manifest.dataHash().orElse(null), listed.problem()));
        }
        return rows.stream();
    }

    @Procedure(name = "kedrec.model.info", mode = Mode.READ)
    @Description(Constants.MODEL_INFO)
    public Stream<ModelInfoResult> info(
            @Name(value = "name", defaultValue = "", description = Constants.MODEL_NAME_ARG) String name) {
        ModelService service = service();
        return Stream.of(row(service, service.status(name)));
    }

    // It changes what every user of the DBMS gets, and reads no graph: a DBMS procedure that needs an admin, as
    // Neo4j's own dbms.* procedures that change server state (Enterprise enforces @Admin; Community has no roles,
    // so there the allow-list, dbms.security.procedures.allowlist, is the control; docs/install.md).
    @Admin
    @Procedure(name = "kedrec.model.load", mode = Mode.DBMS)
    @Description(Constants.MODEL_LOAD)
    public Stream<ModelInfoResult> load(
            @Name(value = "name", defaultValue = "", description = Constants.MODEL_NAME_ARG) String name) {
        ModelService service = service();
        LoadedModel model = service.load(name, terminationGuard);
        return Stream.of(row(service, service.status(model.name())));
    }

    private ModelService service() {
        if (models == null) {
            throw new IllegalStateException("The KEDRec model service is not running in this database server: the "
                    + "plugin's extension did not start. Check debug.log for `kedrec-model-service`.");
        }
        return models;
    }

    static ModelInfoResult row(ModelService service, ModelService.Status status) {
        Map<String, Object> settings = settingsMap(service.settings());
        LoadedModel model = status.model();
        String path = status.path() == null ? null : status.path().toString();
        if (model == null) {
            return new ModelInfoResult(status.name(), path, status.state(), status.error(), null, null, null, null,
                    null, null, null, null, null, null, null, null, settings);
        }
        RankerInfo info = model.ranker().info();
        ModelManifest manifest = model.manifest();
        String dataHash = manifest != null && manifest.dataHash().isPresent() ? manifest.dataHash().get()
                : info.dataHash();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("entities", (long) info.entities());
        counts.put("drugs", (long) info.drugs());
        counts.put("diseases", (long) info.diseases());
        counts.put("dimensions", (long) info.dims());
        Map<String, Object> student = new LinkedHashMap<>();
        if (model.student() != null) {
            CausalLm lm = model.student().backend();
            student.put("kind", lm.kind());
            student.put("parameters", lm.parameterCount());
            student.put("device", lm.device().toString());
            student.put("maxSeqLen", (long) lm.maxSeqLen());
            // How kedrec.select chooses: the student alone (0) or with the ranker's vote at this weight.
            student.put("rankerWeight", model.student().rankerWeight());
            // ... and on diseases it never trained on (null: the same vote there).
            UnseenDiseaseVote unseen = model.student().unseenDiseaseVote();
            student.put("unseenDiseaseVote", unseen == null ? null : unseen.summary());
            // The evidence kedrec.select puts in its prompt: the shape of the dataset the student trained on.
            student.put("prompt", model.student().promptShape().toMap());
            student.put("directory", String.valueOf(model.student().directory()));
        } else {
            student.put("problem", model.studentProblem());
        }
        return new ModelInfoResult(status.name(), path, status.state(), status.error(), info.kind(), model.engine(),
                model.device(), info.parameters(), model.loadMillis(), model.loadedAt().toString(), info.version(),
                info.createdAt(), dataHash, info.metrics(), counts, student, settings);
    }

    static Map<String, Object> settingsMap(KedrecSettings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("confFile", settings.confFile().toString());
        out.put(KedrecSettings.MODEL_DIR, settings.modelDir() == null ? null : settings.modelDir().toString());
        out.put(KedrecSettings.MODEL_HOME, settings.modelHome().toString());
        out.put(KedrecSettings.DEVICE, settings.device());
        out.put(KedrecSettings.MAX_K, (long) settings.maxK());
        Map<String, Object> sources = new LinkedHashMap<>();
        for (String key : KedrecSettings.KEYS) {
            sources.put(key, settings.sourceOf(key));
        }
        out.put("sources", sources);
        out.put("problems", settings.problems());
        return out;
    }
}
