package org.kedrec.core.lm;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
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

/**
 * The size of a student transformer. {@link #preset} gives the named sizes: {@code tiny} for tests, {@code small}
 * (the default: trains on a 2-core CPU in well under 30 minutes), and {@code base}/{@code large} for a GPU.
 *
 * @param vocabSize tokens in the tokenizer (special tokens, 256 bytes, merges)
 * @param maxSeqLen longest prompt + answer the learned position table covers
 * @param layers decoder layers
 * @param dModel width of the residual stream
 * @param heads attention heads; {@code dModel} must be a multiple
 * @param ffnDim hidden width of each layer's GELU MLP
 * @param dropout dropout on embeddings and residual branches during training
 * @param answerTokens room kept for the answer at the end of {@code maxSeqLen}; longer teacher answers are cut
 * @param lineTokens longest evidence line in the prompt, in tokens
 */
public record StudentConfig(int vocabSize, int maxSeqLen, int layers, int dModel, int heads, int ffnDim,
                            float dropout, int answerTokens, int lineTokens) {
    public static final List<String> PRESETS = List.of("tiny", "small", "base", "large");
    private static final List<String> KEYS = RecordMaps.names(StudentConfig.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    public StudentConfig {
        if (vocabSize <= SpecialTokens.COUNT + 256 - 1) {
            throw new IllegalArgumentException(Messages.format(
                    "vocabSize must exceed %d (special tokens + 256 bytes) but was %d.",
                    SpecialTokens.COUNT + 255, vocabSize));
        }
        if (layers < 1 || dModel < 1 || heads < 1 || ffnDim < 1 || maxSeqLen < 8) {
            throw new IllegalArgumentException(Messages.format(
                    "layers, dModel, heads and ffnDim must be positive and maxSeqLen at least 8, but were "
                            + "%d, %d, %d, %d and %d.", layers, dModel, heads, ffnDim, maxSeqLen));
        }
        if (dModel % heads != 0) {
            throw new IllegalArgumentException(Messages.format(
                    "dModel (%d) must be a multiple of heads (%d).", dModel, heads));
        }
        if (answerTokens < 4 || lineTokens < 4 || answerTokens + lineTokens + 8 > maxSeqLen) {
            throw new IllegalArgumentException(Messages.format(
                    "answerTokens (%d) and lineTokens (%d) must be at least 4 and leave room for a prompt within "
                            + "maxSeqLen (%d).", answerTokens, lineTokens, maxSeqLen));
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException(Messages.format("dropout must be in [0, 1) but was %s.", dropout));
        }
    }

    /** A named size with the given vocabulary and sequence length (answers up to 128, lines up to 48 tokens). */
    public static StudentConfig preset(String name, int vocabSize, int maxSeqLen) {
        return switch (name) {
            case "tiny" -> new StudentConfig(vocabSize, maxSeqLen, 2, 64, 4, 128, 0f, 128, 48);
            case "small" -> new StudentConfig(vocabSize, maxSeqLen, 2, 128, 4, 512, 0.1f, 128, 48);
            case "base" -> new StudentConfig(vocabSize, maxSeqLen, 6, 384, 6, 1536, 0.1f, 128, 48);
            case "large" -> new StudentConfig(vocabSize, maxSeqLen, 12, 768, 12, 3072, 0.1f, 128, 48);
            default -> throw new IllegalArgumentException(Messages.format(
                    "Unknown student preset: `%s`. Valid presets are: %s.", name, PRESETS));
        };
    }

    public StudentConfig withDropout(float value) {
        return new StudentConfig(vocabSize, maxSeqLen, layers, dModel, heads, ffnDim, value, answerTokens,
                lineTokens);
    }

    public int headDim() {
        return dModel / heads;
    }

    /** Number of trainable parameters (the output head is tied to the token embedding). */
    public long parameterCount() {
        long perLayer = 4L * dModel // two LayerNorms
                + 3L * dModel * dModel + 3L * dModel // fused QKV
                + (long) dModel * dModel + dModel // attention output
                + (long) ffnDim * dModel + ffnDim + (long) dModel * ffnDim + dModel; // MLP
        return (long) vocabSize * dModel + (long) maxSeqLen * dModel + layers * perLayer + 2L * dModel;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> out = RecordMaps.toMap(this);
        // As a double, as student.json has always held it (a float would print shorter and read back the same).
        out.put("dropout", (double) dropout);
        return out;
    }

    public static StudentConfig of(Map<String, ?> map) {
        ConfigReader reader = ConfigReader.of(map, KEYS);
        for (String key : KEYS) {
            if (!reader.has(key)) {
                throw new IllegalArgumentException(Messages.format(
                        "The student configuration lacks `%s`; retrain or restore the model's student.json.", key));
            }
        }
        return new StudentConfig(reader.intValue("vocabSize", 0), reader.intValue("maxSeqLen", 0),
                reader.intValue("layers", 0), reader.intValue("dModel", 0), reader.intValue("heads", 0),
                reader.intValue("ffnDim", 0), (float) reader.doubleValue("dropout", 0),
                reader.intValue("answerTokens", 0), reader.intValue("lineTokens", 0));
    }

    public void write(Path file) {
        try {
            Files.writeString(file, GSON.toJson(toMap()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    public static StudentConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(Messages.format(
                    "No student configuration at %s. Train a student with `kedrec train student`.", file));
        }
        try {
            Map<String, Object> map = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeToken<Map<String, Object>>() {}.getType());
            return of(map);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
