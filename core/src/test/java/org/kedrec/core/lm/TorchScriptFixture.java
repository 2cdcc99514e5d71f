package org.kedrec.core.lm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.GsonBuilder;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.dataset.ExpRxRecExample;

/**
 * Writes the fixture of {@code TorchScriptCausalLmTest}: a tiny, seeded student directory, plus its weights as raw
 * little-endian float32 files with a JSON index, which {@code docs/tools/student_to_torchscript.py} turns into a
 * TorchScript {@code model.pt}. Run by hand (needs PyTorch for the second half), not by the build:
 * {@code java -cp ... org.kedrec.core.lm.TorchScriptFixture OUT_DIR}.
 */
public final class TorchScriptFixture {
    private TorchScriptFixture() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        List<ExpRxRecExample> examples = SyntheticExamples.examples(21, 40, "train");
        BpeTokenizer tokenizer = BpeTokenizer.train(examples.stream().map(StudentPrompt::tokenizerText).toList(),
                360, SpecialTokens.all());
        Engine.getInstance().setRandomSeed(21);
        StudentConfig config = new StudentConfig(tokenizer.vocabSize(), 192, 1, 16, 2, 32, 0f, 48, 24);
        try (NativeCausalLm lm = NativeCausalLm.create(config, tokenizer, Device.cpu())) {
            Path student = out.resolve("student");
            lm.save(student, StudentLexicon.build(examples));
            Path weights = out.resolve("weights");
            Files.createDirectories(weights);
            List<Map<String, Object>> index = new ArrayList<>();
            for (Pair<String, Parameter> parameter : lm.transformer().getParameters()) {
                NDArray array = parameter.getValue().getArray();
                float[] values = array.toFloatArray();
                ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().put(values);
                String name = parameter.getValue().getName();
                try (DataOutputStream file = new DataOutputStream(Files.newOutputStream(weights.resolve(name)))) {
                    file.write(buffer.array());
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("shape", array.getShape().getShape());
                index.add(entry);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("config", config.toMap());
            root.put("parameters", index);
            Files.writeString(weights.resolve("index.json"),
                    new GsonBuilder().setPrettyPrinting().create().toJson(root));
        }
    }
}
