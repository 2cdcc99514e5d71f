package org.kedrec.core.lm;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.config.ConfigReader;

/**
 * A user's own causal LM exported to TorchScript ({@code model.pt}) with its byte-level BPE {@code tokenizer.json}
 * and a {@code kedrec-lm.json}, loaded into DJL's PyTorch engine as a {@code PtSymbolBlock}. The module takes
 * token ids (int64, [batch, time]) and returns logits ([batch, time, vocab]) or a tuple whose first element they
 * are. There is no cache protocol for such modules, so every decoding step runs the whole sequence again; on a
 * GPU that is fast enough for rationales of ~60 tokens.
 *
 * <p>{@code kedrec-lm.json} keys: {@code eosToken} (required, e.g. {@code <|endoftext|>}), {@code promptTemplate}
 * (with {@code {instruction}} and {@code {input}}; default the Alpaca layout), {@code maxSeqLen} (default 1024),
 * {@code answerTokens} (default 128), {@code blockedTokens} (tokens never to generate).
 */
public final class TorchScriptCausalLm extends ModelCausalLm<ZooModel<NDList, NDList>> {
    public static final String ALPACA_TEMPLATE =
            "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:\n";
    static final List<String> KEYS = List.of("eosToken", "promptTemplate", "maxSeqLen", "answerTokens",
            "blockedTokens");

    private final BpeTokenizer tokenizer;
    private final int eos;
    private final int[] blocked;
    private final int maxSeqLen;
    private final int answerTokens;
    private final String template;

    private TorchScriptCausalLm(ZooModel<NDList, NDList> model, BpeTokenizer tokenizer, int eos, int[] blocked,
                                int maxSeqLen, int answerTokens, String template) {
        super(model);
        this.tokenizer = tokenizer;
        this.eos = eos;
        this.blocked = blocked;
        this.maxSeqLen = maxSeqLen;
        this.answerTokens = answerTokens;
        this.template = template;
    }

    public static TorchScriptCausalLm load(Path dir, Device device) {
        Path settings = dir.resolve(StudentFiles.BYO_CONFIG);
        if (!Files.isRegularFile(settings)) {
            throw new IllegalArgumentException(Messages.format(
                    "No %s in %s. A TorchScript model needs it to name its end token, e.g. "
                            + "{\"eosToken\": \"<|endoftext|>\"} (docs/student.md).", StudentFiles.BYO_CONFIG, dir));
        }
        Map<String, Object> map;
        try {
            map = new Gson().fromJson(Files.readString(settings, StandardCharsets.UTF_8),
                    new TypeToken<Map<String, Object>>() {}.getType());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + settings, e);
        }
        ConfigReader reader = ConfigReader.of(map, KEYS);
        BpeTokenizer tokenizer = BpeTokenizer.load(dir.resolve(StudentFiles.TOKENIZER));
        String eosToken = reader.string("eosToken", null);
        if (eosToken == null || tokenizer.id(eosToken) < 0) {
            throw new IllegalArgumentException(Messages.format(
                    "%s must name the end token in `eosToken`, one of the tokenizer's tokens; it was `%s`.",
                    settings, eosToken));
        }
        List<Integer> blocked = new ArrayList<>();
        for (String token : reader.stringList("blockedTokens", List.of())) {
            int id = tokenizer.id(token);
            if (id < 0) {
                throw new IllegalArgumentException(Messages.format(
                        "blockedTokens names `%s`, which is not in %s.", token, StudentFiles.TOKENIZER));
            }
            blocked.add(id);
        }
        String template = reader.string("promptTemplate", ALPACA_TEMPLATE);
        if (!template.contains("{input}")) {
            throw new IllegalArgumentException(Messages.format(
                    "promptTemplate in %s must contain {input}, where the example's evidence goes.", settings));
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(dir)
                .optModelName(StudentFiles.TORCHSCRIPT.replace(".pt", ""))
                .optEngine("PyTorch")
                .optDevice(device)
                .optTranslator(new NoopTranslator())
                .build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + dir.resolve(StudentFiles.TORCHSCRIPT), e);
        } catch (ModelNotFoundException | MalformedModelException | ai.djl.engine.EngineException e) {
            throw new IllegalArgumentException(Messages.format(
                    "%s is not a TorchScript module the PyTorch engine can load (%s). Export it with "
                            + "torch.jit.trace as docs/student.md shows.", dir.resolve(StudentFiles.TORCHSCRIPT),
                    e.getMessage()), e);
        }
        return new TorchScriptCausalLm(model, tokenizer, tokenizer.id(eosToken),
                blocked.stream().mapToInt(Integer::intValue).toArray(), reader.intValue("maxSeqLen", 1024),
                reader.intValue("answerTokens", 128), template);
    }

    String template() {
        return template;
    }

    int answerTokens() {
        return answerTokens;
    }

    @Override
    public BpeTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int maxSeqLen() {
        return maxSeqLen;
    }

    @Override
    public int eosId() {
        return eos;
    }

    @Override
    public int[] blockedIds() {
        return blocked.clone();
    }

    @Override
    public long parameterCount() {
        long total = 0;
        for (var parameter : model.getBlock().getParameters()) {
            NDArray array = parameter.getValue().getArray();
            total += array == null ? 0 : array.size();
        }
        return total;
    }

    @Override
    public String kind() {
        return "torchscript";
    }

    @Override
    LmSession newSession(NDManager manager) {
        return new Session(manager);
    }

    /** Keeps the tokens of each row and runs the module over all of them at every step. */
    private final class Session implements LmSession {
        private final NDManager manager;
        private final ParameterStore store;
        private int[][] rows = {new int[0]};

        Session(NDManager manager) {
            this.manager = manager;
            this.store = new ParameterStore(manager, false);
        }

        @Override
        public float[][] append(int[][] tokens) {
            if (tokens.length != rows.length) {
                rows = Arrays.copyOf(rows, tokens.length);
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = rows[r] == null ? new int[0] : rows[r];
                }
            }
            int time = rows[0].length + tokens[0].length;
            if (time > maxSeqLen) {
                throw new IllegalArgumentException(Messages.format(
                        "The sequence would grow to %d tokens, beyond this model's maxSeqLen of %d.", time,
                        maxSeqLen));
            }
            long[] flat = new long[rows.length * time];
            for (int r = 0; r < rows.length; r++) {
                int[] grown = Arrays.copyOf(rows[r], time);
                System.arraycopy(tokens[r], 0, grown, rows[r].length, tokens[r].length);
                rows[r] = grown;
                for (int t = 0; t < time; t++) {
                    flat[r * time + t] = grown[t];
                }
            }
            Block block = model.getBlock();
            float[] last;
            long vocab;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray ids = manager.create(flat, new Shape(rows.length, time));
                NDArray logits = block.forward(store, new NDList(ids), false).get(0);
                vocab = logits.getShape().get(2);
                last = logits.get(":, " + (time - 1) + ", :").toFloatArray();
            }
            float[][] out = new float[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = Arrays.copyOfRange(last, (int) (r * vocab), (int) ((r + 1) * vocab));
            }
            return out;
        }

        @Override
        public void keepRows(int[] keep) {
            int[][] next = new int[keep.length][];
            for (int i = 0; i < keep.length; i++) {
                next[i] = rows[keep[i]];
            }
            rows = next;
        }

        @Override
        public void truncate(int length) {
            for (int r = 0; r < rows.length; r++) {
                rows[r] = Arrays.copyOf(rows[r], Math.min(length, rows[r].length));
            }
        }

        @Override
        public int length() {
            return rows[0].length;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
