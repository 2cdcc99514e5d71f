package org.kedrec.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.metrics.EntityLexicon;
import org.kedrec.core.metrics.Faithfulness;

/**
 * The bring-your-own path on a real TorchScript file: {@code byo/torchscript/model.pt} is the tiny student of
 * {@code byo/student} rebuilt in PyTorch and traced ({@link TorchScriptFixture} +
 * {@code docs/tools/student_to_torchscript.py}), so both must give the same logits.
 */
class TorchScriptCausalLmTest {
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(TorchScriptCausalLmTest.class.getResource("/byo/" + name).toURI());
    }

    @Test
    void torchScriptExportGivesTheLogitsOfTheDjlStudent() throws Exception {
        try (NativeCausalLm student = NativeCausalLm.load(fixture("student"), Device.cpu());
             TorchScriptCausalLm exported = TorchScriptCausalLm.load(fixture("torchscript"), Device.cpu())) {
            assertThat(exported.kind()).isEqualTo("torchscript");
            assertThat(exported.eosId()).isEqualTo(SpecialTokens.EOS_ID);
            assertThat(exported.parameterCount()).isEqualTo(student.parameterCount());
            int[] prompt = student.tokenizer().encode("<bos>[C1] [C2]\n[E1] [C1] -BINDS-> ABC1 <-ASSOCIATES- [D]\n<sep>");
            try (LmSession a = student.newSession(); LmSession b = exported.newSession()) {
                assertClose(a.append(new int[][] {prompt}), b.append(new int[][] {prompt}));
                for (int token : new int[] {SpecialTokens.candidateId(0), 40, 41, SpecialTokens.evidenceId(0)}) {
                    assertClose(a.append(new int[][] {{token}}), b.append(new int[][] {{token}}));
                }
                a.keepRows(new int[] {0, 0});
                b.keepRows(new int[] {0, 0});
                assertClose(a.append(new int[][] {{50}, {60}}), b.append(new int[][] {{50}, {60}}));
                assertThat(b.length()).isEqualTo(a.length());
            }
        }
    }

    private static void assertClose(float[][] expected, float[][] actual) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int r = 0; r < expected.length; r++) {
            assertThat(actual[r].length).isEqualTo(expected[r].length);
            for (int v = 0; v < expected[r].length; v++) {
                assertThat(actual[r][v]).isCloseTo(expected[r][v], within(1e-4f));
            }
        }
    }

    @Test
    void theServingApiRunsOnTheExportedModel() throws Exception {
        List<ExpRxRecExample> examples = SyntheticExamples.examples(5, 3, "test");
        try (StudentModel model = StudentModel.load(fixture("torchscript"), Device.cpu(), 2)) {
            assertThat(model.backend().kind()).isEqualTo("torchscript");
            for (ExpRxRecExample example : examples) {
                SelectionResult selection = model.select(example);
                assertThat(selection.candidates().stream().mapToDouble(SelectionResult.Candidate::probability)
                        .sum()).isCloseTo(1.0, within(1e-9));
                Rationale rationale = model.generate(example, new GenerationOptions("greedy", 1, 12, true, 0, 1.0));
                assertThat(rationale.textWithSlots()).startsWith("[C1]");
                assertThat(Faithfulness.check(rationale.textWithSlots(), example, EntityLexicon.of(examples))
                        .unsupported()).isEmpty();
            }
        }
    }

    @Test
    void explainsWhatABringYourOwnDirectoryLacks(@TempDir Path tmp) throws Exception {
        Files.copy(fixture("torchscript").resolve("model.pt"), tmp.resolve("model.pt"));
        Files.copy(fixture("torchscript").resolve("tokenizer.json"), tmp.resolve("tokenizer.json"));
        assertThatThrownBy(() -> StudentModel.load(tmp, Device.cpu()))
                .hasMessage("No kedrec-lm.json in " + tmp + ". A TorchScript model needs it to name its end token, "
                        + "e.g. {\"eosToken\": \"<|endoftext|>\"} (docs/student.md).");
        Files.writeString(tmp.resolve("kedrec-lm.json"), "{\"eosToken\": \"</s>\"}");
        assertThatThrownBy(() -> StudentModel.load(tmp, Device.cpu()))
                .hasMessage(tmp.resolve("kedrec-lm.json") + " must name the end token in `eosToken`, one of the "
                        + "tokenizer's tokens; it was `</s>`.");
        Files.writeString(tmp.resolve("kedrec-lm.json"), "{\"eosToken\": \"<eos>\", \"eos\": 1}");
        assertThatThrownBy(() -> StudentModel.load(tmp, Device.cpu()))
                .hasMessageStartingWith("Unexpected configuration key: eos");
        Files.writeString(tmp.resolve("kedrec-lm.json"), "{\"eosToken\": \"<eos>\"}");
        Files.writeString(tmp.resolve("model.pt"), "not a zip");
        assertThatThrownBy(() -> StudentModel.load(tmp, Device.cpu()))
                .hasMessageStartingWith(tmp.resolve("model.pt") + " is not a TorchScript module the PyTorch engine "
                        + "can load");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThatThrownBy(() -> StudentModel.load(empty, Device.cpu()))
                .hasMessage(empty + " holds neither a student (student.json) nor a TorchScript model (model.pt). "
                        + "Train one with `kedrec train student` or export your own as docs/student.md describes.");
    }
}
