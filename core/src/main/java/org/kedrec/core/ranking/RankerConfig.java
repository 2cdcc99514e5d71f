package org.kedrec.core.ranking;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.config.ConfigReader;
import org.kedrec.core.config.RecordMaps;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.ranking.kge.KgeKind;

/**
 * {@code ranker/config.json}: what a {@link DrugRanker} needs to rebuild the model exactly as it was trained and
 * evaluated. Read strictly (unknown keys are an error), so a file from a newer format fails loudly.
 *
 * @param model the KG-embedding scoring function
 * @param dim the embedding dimension ({@link KgeKind#entityWidth} floats per entity)
 * @param treatsRelation the relation key scored for (drug, disease), e.g. {@code Drug-TREATS->Disease}
 * @param components {@code kge} and, when the path features are part of the ranker, {@code metapath}
 * @param combiner how the components' scores are combined into one probability
 * @param training the hyper-parameters the model was trained with (informational)
 */
public record RankerConfig(
        int format,
        String name,
        String version,
        String createdAt,
        KgeKind model,
        int dim,
        int entities,
        int relations,
        String treatsRelation,
        String drugLabel,
        String diseaseLabel,
        List<String> components,
        Combiner combiner,
        String dataHash,
        Map<String, Object> training) {
    public static final int FORMAT = 1;
    public static final String KGE = "kge";
    public static final String METAPATH = "metapath";
    /** The precomputed feature-model logit comes from gradient-boosted trees rather than logistic regression. */
    public static final String BOOSTED = "boosted";
    /** The metapath model also reads side information (trials, literature, DrugBank properties). */
    public static final String EVIDENCE = "evidence";
    private static final List<String> KEYS = RecordMaps.names(RankerConfig.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /**
     * The ranker's final score for a (disease, drug) pair:
     * {@code sigmoid(intercept + kgeWeight * (kge - kgeMean) / kgeStd + pathWeight * pathLogit)}, fitted on the
     * validation pairs, which neither the embedding nor the path model saw.
     */
    public record Combiner(double intercept, double kgeWeight, double kgeMean, double kgeStd, double pathWeight) {
        private static final List<String> KEYS = RecordMaps.names(Combiner.class);

        public Combiner {
            if (!(kgeStd > 0) || !Double.isFinite(kgeStd)) {
                throw new IllegalArgumentException(Messages.format(
                        "The combiner's `kgeStd` must be a positive number but was %s.", kgeStd));
            }
        }

        /** The combined logit. */
        public double logit(double kge, double pathLogit) {
            return intercept + kgeWeight * (kge - kgeMean) / kgeStd + pathWeight * pathLogit;
        }

        static Combiner of(Map<String, ?> map) {
            ConfigReader r = ConfigReader.of(map, KEYS);
            return new Combiner(r.doubleValue("intercept", 0), r.doubleValue("kgeWeight", 1),
                    r.doubleValue("kgeMean", 0), r.doubleValue("kgeStd", 1), r.doubleValue("pathWeight", 0));
        }
    }

    public boolean hasPathScores() {
        return components.contains(METAPATH);
    }

    /**
     * Whether the ranker carries a KG embedding. A ranker without one (trained with {@code --no-kge}) is its feature
     * model alone: no parameters file, no DJL model, no embeddings to write back.
     */
    public boolean hasEmbedding() {
        return components.contains(KGE);
    }

    /** Whether the ranker read side information (the "KG + evidence" setting) rather than the KG alone. */
    public boolean usesEvidence() {
        return components.contains(EVIDENCE);
    }

    /** E.g. {@code ComplEx + metapath logistic regression + evidence}. */
    public String kindDescription() {
        String paths = components.contains(BOOSTED) ? " + gradient-boosted trees over metapath"
                : hasPathScores() ? " + metapath logistic regression" : "";
        String evidence = usesEvidence() ? " and trial/literature/DrugBank evidence features" : "";
        if (!hasEmbedding()) {
            return (components.contains(BOOSTED) ? "gradient-boosted trees over metapath"
                    : "metapath logistic regression") + evidence + " (no embedding)";
        }
        return model.displayName() + paths + evidence;
    }

    public void write(Path file) {
        Map<String, Object> map = RecordMaps.toMap(this);
        map.put("model", model.name().toLowerCase(java.util.Locale.ENGLISH));
        map.put("combiner", RecordMaps.toMap(combiner));
        try {
            Files.writeString(file, GSON.toJson(map) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Reads {@code config.json}; every problem names the file and what to do. */
    @SuppressWarnings("unchecked")
    public static RankerConfig read(Path file) {
        Map<String, Object> map;
        try {
            map = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeToken<Map<String, Object>>() {}.getType());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        } catch (JsonParseException e) {
            throw new IllegalStateException(Messages.format("%s is not valid JSON (%s); retrain the model.", file,
                    e.getMessage()), e);
        }
        try {
            ConfigReader r = ConfigReader.of(map, KEYS);
            int format = r.intValue("format", -1);
            if (format != FORMAT) {
                throw new IllegalArgumentException(Messages.format(
                        "format %d is not supported (this version reads format %d)", format, FORMAT));
            }
            Object combiner = map.get("combiner");
            if (!(combiner instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("`combiner` must be an object");
            }
            Object training = map.getOrDefault("training", Map.of());
            return new RankerConfig(format, r.string("name", "ranker"), r.string("version", ""),
                    r.string("createdAt", ""), KgeKind.parse(r.string("model", "")), r.intValue("dim", 0),
                    r.intValue("entities", 0), r.intValue("relations", 0), r.string("treatsRelation", ""),
                    r.string("drugLabel", EntityKind.DRUG.label()), r.string("diseaseLabel", EntityKind.DISEASE.label()),
                    r.stringList("components", List.of(KGE)), Combiner.of((Map<String, ?>) combiner),
                    r.string("dataHash", ""), training instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(Messages.format("%s is not a valid ranker configuration: %s.", file,
                    stripDot(e.getMessage())), e);
        }
    }

    private static String stripDot(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
