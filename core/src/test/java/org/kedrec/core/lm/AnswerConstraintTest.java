package org.kedrec.core.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.metrics.EntityLexicon;
import org.kedrec.core.metrics.Faithfulness;
import org.kedrec.core.metrics.Mentions;
import org.kedrec.core.metrics.RationaleMetricsTest;

class AnswerConstraintTest {
    static final StudentLexicon LEXICON = new StudentLexicon(
            List.of("binds", "a", "gene", "associated", "with", "It", "was", "tested", "for", "in", "trial", "phase",
                    "3", "completed", "'s"),
            new EntityLexicon(List.of("CACNA1C", "KCNJ11", "hypertension", "type 2 diabetes mellitus")));

    static AnswerConstraint constraint(int forced, boolean words) {
        ExpRxRecExample example = RationaleMetricsTest.example();
        Set<String> shownWords = new java.util.HashSet<>();
        example.evidence().forEach(e -> shownWords.addAll(Mentions.words(e.text())));
        return AnswerConstraint.of(example, example.evidence(), shownWords, LEXICON, forced, words);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsFaithfulAnswersAndTheirPrefixes() {
        AnswerConstraint c = constraint(-1, true);
        String answer = "[C1]. [C1] binds CACNA1C, a gene associated with [D] [E1]. It was tested for [D] in trial "
                + "NCT00000001 (phase 3, completed) [E2].";
        assertThat(c.acceptsEnd(utf8(answer))).isTrue();
        for (int i = 1; i < answer.length(); i++) {
            assertThat(c.acceptsPrefix(utf8(answer.substring(0, i)))).as(answer.substring(0, i)).isTrue();
        }
        assertThat(c.acceptsEnd(utf8("[C1]. [C1] binds CACNA"))).isFalse(); // an unfinished name cannot end
    }

    @Test
    void aTrialLineWithoutSummaryLetsTheRationaleCiteItsNumber() {
        // Most demo trials have no phase or status: the line reads "trial NCT…: [C1] for [D]".
        ExpRxRecExample base = RationaleMetricsTest.example();
        List<org.kedrec.core.evidence.EvidenceItem> evidence = base.evidence().stream()
                .map(e -> e.kind() != org.kedrec.core.evidence.EvidenceKind.TRIAL ? e
                        : new org.kedrec.core.evidence.EvidenceItem(e.slot(), e.kind(), e.candidate(),
                                "trial NCT00000001: [C1] for [D]", e.score(), e.id(), null, null, null, null, null,
                                null, null, null, e.title()))
                .toList();
        ExpRxRecExample example = new ExpRxRecExample(base.id(), base.instruction(), base.input(), base.output(),
                base.disease(), base.candidates(), base.label(), base.answer(), evidence, base.split(),
                base.variant(), base.negativeMethod(), base.teacher());
        assertThat(Mentions.words("trial NCT00000001: [C1] for [D]")).containsExactly("trial", "NCT00000001", "for");
        Set<String> shownWords = new java.util.HashSet<>();
        example.evidence().forEach(e -> shownWords.addAll(Mentions.words(e.text())));
        AnswerConstraint c = AnswerConstraint.of(example, example.evidence(), shownWords, LEXICON, -1, true);
        String answer = "[C1]. It was tested for [D] in trial NCT00000001 [E2].";
        for (int i = 1; i < answer.length(); i++) {
            assertThat(c.acceptsPrefix(utf8(answer.substring(0, i)))).as(answer.substring(0, i)).isTrue();
        }
        assertThat(c.acceptsEnd(utf8(answer))).isTrue();
        assertThat(c.acceptsPrefix(utf8("[C1]. It was tested for [D] in trial NCT00000002 "))).isFalse();
    }

    @Test
    void rejectsAbsentSlotsNamesIdsAndInventedWords() {
        AnswerConstraint c = constraint(-1, true);
        assertThat(c.acceptsPrefix(utf8("[C1]. [C1] binds KCNJ11,"))).isFalse(); // known entity, not in evidence
        assertThat(c.acceptsPrefix(utf8("[C1]. [C1] binds CACNA1D"))).isFalse(); // not a prefix of any allowed word
        assertThat(c.acceptsPrefix(utf8("[C1]. [C1] binds [E3]"))).isFalse(); // no such evidence
        assertThat(c.acceptsPrefix(utf8("[C1]. [C3]"))).isFalse(); // no such candidate
        assertThat(c.acceptsPrefix(utf8("[C1]. trial NCT09999999 "))).isFalse(); // id not in the evidence
        // Teacher words that together form an id the evidence lacks.
        StudentLexicon withPmid = new StudentLexicon(List.of("in", "PMID", "1", "publications"),
                LEXICON.entities());
        ExpRxRecExample example = RationaleMetricsTest.example();
        AnswerConstraint ids = AnswerConstraint.of(example, example.evidence(), Set.of(), withPmid, -1, true);
        assertThat(ids.acceptsPrefix(utf8("[C1] in PMID 1"))).isTrue(); // could still become a real PMID
        assertThat(ids.acceptsPrefix(utf8("[C1] in PMID 1 publications"))).isFalse();
        assertThat(ids.acceptsEnd(utf8("[C1] in PMID 1"))).isFalse();
        // PMID only ever opens an id.
        assertThat(ids.acceptsPrefix(utf8("[C1] in PMID"))).isTrue();
        assertThat(ids.acceptsPrefix(utf8("[C1] in PMID "))).isTrue();
        assertThat(ids.acceptsPrefix(utf8("[C1] in PMID,"))).isFalse();
        assertThat(ids.acceptsPrefix(utf8("[C1] in PMID in"))).isFalse();
        assertThat(ids.acceptsEnd(utf8("[C1] in PMID"))).isFalse();
        assertThat(c.acceptsPrefix(utf8("binds"))).isFalse(); // the answer must open with the choice
        assertThat(c.acceptsPrefix(utf8("[C1] ]"))).isFalse();
        assertThat(constraint(1, true).acceptsPrefix(utf8("[C1]"))).isFalse(); // forced to argue for [C2]
        assertThat(constraint(1, true).acceptsPrefix(utf8("[C2]. [C2] binds CACNA1C"))).isTrue();
    }

    @Test
    void halfWrittenCharactersMustContinueAnAllowedWord() {
        StudentLexicon lexicon = new StudentLexicon(List.of("α-tocopherol", "binds"), new EntityLexicon(List.of()));
        ExpRxRecExample example = RationaleMetricsTest.example();
        AnswerConstraint c = AnswerConstraint.of(example, example.evidence(), Set.of(), lexicon, -1, true);
        byte[] alpha = utf8("[C1] α");
        byte[] half = java.util.Arrays.copyOf(alpha, alpha.length - 1);
        assertThat(c.acceptsPrefix(half)).isTrue();
        byte[] beta = utf8("[C1] 日"); // a lead byte no allowed word continues with
        assertThat(c.acceptsPrefix(java.util.Arrays.copyOf(beta, beta.length - 1))).isFalse();
        assertThat(c.acceptsEnd(half)).isFalse();
    }

    /** A session whose model always wants to spell an entity the example lacks. */
    private static final class Adversary implements LmSession {
        private final BpeTokenizer tokenizer;
        private final int[] plan;
        private int promptLength = -1;
        private int length;

        Adversary(BpeTokenizer tokenizer, String text) {
            this.tokenizer = tokenizer;
            this.plan = tokenizer.encode(text);
        }

        @Override
        public float[][] append(int[][] tokens) {
            if (promptLength < 0) {
                promptLength = tokens[0].length;
            }
            length += tokens[0].length;
            int index = length - promptLength;
            float[][] out = new float[tokens.length][tokenizer.vocabSize()];
            for (float[] row : out) {
                for (int v = 0; v < row.length; v++) {
                    row[v] = (v * 7919 % 101) / 101f; // a fixed, name-agnostic preference order
                }
                row[index < plan.length ? plan[index] : SpecialTokens.EOS_ID] = 100f;
            }
            return out;
        }

        @Override
        public void keepRows(int[] keep) {}

        @Override
        public void truncate(int tokens) {
            length = tokens;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public void close() {}
    }

    @Test
    void anAdversarialModelCannotNameAnAbsentEntity() {
        List<ExpRxRecExample> corpus = SyntheticExamples.examples(3, 20, "train");
        BpeTokenizer tokenizer = BpeTokenizer.train(corpus.stream().map(StudentPrompt::tokenizerText).toList(), 500,
                SpecialTokens.all());
        CausalLm fake = new CausalLm() {
            @Override
            public BpeTokenizer tokenizer() {
                return tokenizer;
            }

            @Override
            public int maxSeqLen() {
                return 512;
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
                return 0;
            }

            @Override
            public ai.djl.Device device() {
                return ai.djl.Device.cpu();
            }

            @Override
            public String kind() {
                return "fake";
            }

            @Override
            public LmSession newSession() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {}
        };
        Decoder decoder = new Decoder(fake);
        String wanted = "[C1]. [C1] binds KCNJ11, a gene associated with type 2 diabetes mellitus [E3].";
        ExpRxRecExample example = RationaleMetricsTest.example();
        EntityLexicon names = LEXICON.entities();
        int[] prompt = {SpecialTokens.BOS_ID, SpecialTokens.SEP_ID};
        String free = tokenizer.decode(decoder.greedy(new Adversary(tokenizer, wanted), prompt,
                constraint(-1, false), 40).tokens());
        // Without the word rules the adversary gets the absent gene and disease in (slots are still checked).
        assertThat(free).startsWith("[C1]. [C1] binds KCNJ11, a gene associated with type 2 diabetes");
        for (boolean beam : new boolean[] {false, true}) {
            Decoder.Output output = beam
                    ? decoder.beam(new Adversary(tokenizer, wanted), prompt, constraint(-1, true), 40, 3, 1.0)
                    : decoder.greedy(new Adversary(tokenizer, wanted), prompt, constraint(-1, true), 40);
            String text = tokenizer.decode(output.tokens());
            assertThat(text).startsWith("[C1]").doesNotContain("KCNJ11", "diabetes", "[E3]");
            assertThat(Faithfulness.check(text, example, names).unsupported()).as(text).isEmpty();
        }
    }
}
