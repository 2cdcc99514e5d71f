package org.kedrec.core.lm;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kedrec.core.Messages;

/** The student transformer trained by {@code kedrec train student}, decoded with a key/value cache. */
public final class NativeCausalLm extends ModelCausalLm<Model> {
    private final StudentTransformer transformer;
    private final BpeTokenizer tokenizer;

    public NativeCausalLm(Model model, StudentTransformer transformer, BpeTokenizer tokenizer) {
        super(model);
        this.transformer = transformer;
        this.tokenizer = tokenizer;
        if (tokenizer.vocabSize() != transformer.config().vocabSize()) {
            throw new IllegalArgumentException(Messages.format(
                    "The tokenizer has %d tokens but the model was built for %d; they come from different "
                            + "trainings.", tokenizer.vocabSize(), transformer.config().vocabSize()));
        }
    }

    /** A fresh, randomly initialised student on {@code device} (seed the engine first for reproducibility). */
    public static NativeCausalLm create(StudentConfig config, BpeTokenizer tokenizer, Device device) {
        Model model = Model.newInstance("student", device, "PyTorch");
        StudentTransformer transformer = new StudentTransformer(config);
        model.setBlock(transformer);
        transformer.initialize(model.getNDManager());
        return new NativeCausalLm(model, transformer, tokenizer);
    }

    public Model model() {
        return model;
    }

    /** Writes the config, tokenizer, parameters and lexicon into {@code dir} (created if missing). */
    public void save(Path dir, StudentLexicon lexicon) {
        try {
            Files.createDirectories(dir);
            transformer.config().write(dir.resolve(StudentFiles.CONFIG));
            tokenizer.save(dir.resolve(StudentFiles.TOKENIZER));
            lexicon.write(dir.resolve(StudentFiles.LEXICON));
            model.setProperty("Epoch", "0");
            model.save(dir, StudentFiles.PARAMS_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the student to " + dir, e);
        }
    }

    /** Loads {@code student.json}, {@code tokenizer.json} and the parameters from a student directory. */
    public static NativeCausalLm load(Path dir, Device device) {
        StudentConfig config = StudentConfig.read(dir.resolve(StudentFiles.CONFIG));
        BpeTokenizer tokenizer = BpeTokenizer.load(dir.resolve(StudentFiles.TOKENIZER));
        Path params = dir.resolve(StudentFiles.PARAMS_PREFIX + "-0000.params");
        if (!Files.isRegularFile(params)) {
            throw new IllegalArgumentException(Messages.format(
                    "No parameters at %s. Train the student with `kedrec train student` first.", params));
        }
        Model model = Model.newInstance("student", device, "PyTorch");
        StudentTransformer transformer = new StudentTransformer(config);
        model.setBlock(transformer);
        try {
            model.load(dir, StudentFiles.PARAMS_PREFIX);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("Could not read " + params, e);
        } catch (MalformedModelException e) {
            model.close();
            throw new IllegalArgumentException(Messages.format(
                    "%s does not match %s (%s). Retrain the student.", params, StudentFiles.CONFIG,
                    e.getMessage()), e);
        }
        // Serving never trains: without gradients no autograd graph is recorded on the callers' threads.
        for (Pair<String, Parameter> parameter : transformer.getParameters()) {
            parameter.getValue().getArray().setRequiresGradient(false);
        }
        return new NativeCausalLm(model, transformer, tokenizer);
    }

    public StudentTransformer transformer() {
        return transformer;
    }

    @Override
    public BpeTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int maxSeqLen() {
        return transformer.config().maxSeqLen();
    }

    @Override
    public int eosId() {
        return SpecialTokens.EOS_ID;
    }

    @Override
    public int[] blockedIds() {
        return new int[] {SpecialTokens.PAD_ID, SpecialTokens.BOS_ID, SpecialTokens.SEP_ID};
    }

    @Override
    public long parameterCount() {
        return transformer.config().parameterCount();
    }

    @Override
    public String kind() {
        return "student";
    }

    @Override
    LmSession newSession(NDManager manager) {
        return new Session(manager);
    }

    private final class Session implements LmSession {
        private final NDManager manager;
        private final ParameterStore store;
        private final KvCache cache;

        Session(NDManager manager) {
            this.manager = manager;
            this.store = new ParameterStore(manager, false);
            this.cache = transformer.newCache();
        }

        @Override
        public float[][] append(int[][] tokens) {
            int rows = tokens.length;
            int time = tokens[0].length;
            long[] flat = new long[rows * time];
            for (int r = 0; r < rows; r++) {
                for (int t = 0; t < time; t++) {
                    flat[r * time + t] = tokens[r][t];
                }
            }
            float[] logits;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray ids = manager.create(flat, new Shape(rows, time));
                logits = transformer.stepLast(store, ids, cache).toFloatArray();
                cache.keepArrays();
            }
            int vocab = transformer.config().vocabSize();
            float[][] out = new float[rows][vocab];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(logits, r * vocab, out[r], 0, vocab);
            }
            return out;
        }

        @Override
        public void keepRows(int[] rows) {
            long[] asLong = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                asLong[i] = rows[i];
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                cache.select(manager.create(asLong));
                cache.keepArrays();
            }
        }

        @Override
        public void truncate(int length) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                cache.truncate(length);
                cache.keepArrays();
            }
        }

        @Override
        public int length() {
            return cache.length();
        }

        @Override
        public void close() {
            cache.close();
            manager.close();
        }
    }
}
