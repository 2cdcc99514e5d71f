package org.kedrec.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.dataset.ExpRxRecExample;

class BpeTokenizerTest {
    static List<String> corpus;
    static BpeTokenizer tokenizer;

    @BeforeAll
    static void train() {
        corpus = new ArrayList<>();
        for (ExpRxRecExample example : SyntheticExamples.examples(7, 200, "train")) {
            corpus.add(example.input());
            corpus.add(example.output());
        }
        for (int i = 0; i < 30; i++) {
            corpus.add("cited NCT:NCT0" + (1234500 + i) + " and PMID:" + (2000000 + 7 * i));
        }
        corpus.add("Ünïcödé: α-tocopherol, 5-fluorouracil, IL-6\u00a0receptor;\ttabs\r\nand  double  spaces  ");
        tokenizer = BpeTokenizer.train(corpus, 600, SpecialTokens.all());
    }

    @Test
    void roundTripsAnyText() {
        for (String text : corpus) {
            assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        }
        String unseen = "Never seen: 日本語, emoji 🧬, [E12] [C8] <eos> NCT:NCT99999999 PMID:1 x:y";
        assertThat(tokenizer.decode(tokenizer.encode(unseen))).isEqualTo(unseen);
    }

    @Test
    void slotsAndControlTokensAreSingleTokens() {
        int[] ids = tokenizer.encode("<bos>[C1]. [C1] binds X [E12]<eos>");
        assertThat(ids[0]).isEqualTo(SpecialTokens.BOS_ID);
        assertThat(ids[1]).isEqualTo(SpecialTokens.candidateId(0));
        assertThat(ids[ids.length - 1]).isEqualTo(SpecialTokens.EOS_ID);
        assertThat(ids).contains(SpecialTokens.evidenceId(11));
        assertThat(tokenizer.vocabSize()).isEqualTo(600);
        assertThat(tokenizer.token(SpecialTokens.SEP_ID)).isEqualTo("<sep>");
    }

    @Test
    void curiesStayOnePreTokenAndLearnMerges() {
        // The pre-tokenizer never splits an id at its colon, so a frequent prefix becomes one token.
        int[] ids = tokenizer.encode(" NCT:NCT01234567");
        assertThat(tokenizer.decode(new int[] {ids[0]})).startsWith(" NCT:");
    }

    @Test
    void huggingFaceTokenizersReadTheFileAndAgree(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("tokenizer.json");
        tokenizer.save(file);
        BpeTokenizer reloaded = BpeTokenizer.load(file);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file,
                Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"))) {
            List<String> texts = new ArrayList<>(corpus);
            texts.add("Never seen: 日本語, emoji 🧬, [E12] [C8] <eos> NCT:NCT99999999 PMID:1 x:y");
            for (String text : texts) {
                Encoding encoding = hf.encode(text);
                long[] hfIds = encoding.getIds();
                int[] ours = tokenizer.encode(text);
                assertThat(hfIds).as(text).containsExactly(java.util.Arrays.stream(ours).asLongStream().toArray());
                assertThat(reloaded.encode(text)).isEqualTo(ours);
            }
        }
    }

    @Test
    void refusesTooSmallVocabularies() {
        assertThatThrownBy(() -> BpeTokenizer.train(List.of("a"), 100, SpecialTokens.all()))
                .hasMessage("The vocabulary size must be at least 333 (special tokens + 256 bytes) but was 100.");
    }

    @Test
    void refusesMissingFiles(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope.json");
        assertThatThrownBy(() -> BpeTokenizer.load(missing))
                .hasMessage("No tokenizer at " + missing
                        + ". A model directory needs the tokenizer.json it was trained with.");
        assertThat(Files.exists(missing)).isFalse();
    }
}
