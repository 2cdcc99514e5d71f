package org.kedrec.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.PromptFormat;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.metrics.EntityLexicon;
import org.kedrec.core.metrics.Faithfulness;

/** Serving behaviour of an untrained tiny student: caching, persistence, probabilities, constraints. */
class StudentModelTest {
    static List<ExpRxRecExample> train;
    static NativeCausalLm lm;
    static StudentLexicon lexicon;
    static StudentModel model;

    @BeforeAll
    static void build() {
        train = SyntheticExamples.examples(1, 60, "train");
        BpeTokenizer tokenizer = BpeTokenizer.train(
                train.stream().map(StudentPrompt::tokenizerText).toList(), 500, SpecialTokens.all());
        Engine.getInstance().setRandomSeed(3);
        lm = NativeCausalLm.create(StudentConfig.preset("tiny", tokenizer.vocabSize(), 256), tokenizer,
                Device.cpu());
        lexicon = StudentLexicon.build(train);
        model = StudentModel.of(lm, lexicon, 2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[][] fullLogits(int[] ids) {
        try (NDManager manager = lm.model().getNDManager().newSubManager()) {
            long[] asLong = Arrays.stream(ids).asLongStream().toArray();
            NDArray input = manager.create(asLong, new Shape(1, ids.length));
            NDArray logits = lm.transformer().forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow();
            float[] flat = logits.toFloatArray();
            int vocab = lm.tokenizer().vocabSize();
            float[][] out = new float[ids.length][];
            for (int t = 0; t < ids.length; t++) {
                out[t] = Arrays.copyOfRange(flat, t * vocab, (t + 1) * vocab);
            }
            return out;
        }
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void keyValueCacheGivesTheLogitsAndTokensOfFullRecomputation() {
        int[] prompt = StudentPrompt.render(train.get(0), lm.tokenizer(), 200, 48).ids();
        // Reference: greedy decoding that recomputes the whole sequence every step.
        List<Integer> reference = new ArrayList<>();
        int[] sequence = prompt.clone();
        for (int step = 0; step < 20; step++) {
            float[][] logits = fullLogits(sequence);
            int next = argmax(logits[sequence.length - 1]);
            reference.add(next);
            sequence = Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = next;
        }
        float[][] full = fullLogits(sequence);
        List<Integer> cached = new ArrayList<>();
        try (LmSession session = lm.newSession()) {
            float[] logits = session.append(new int[][] {prompt})[0];
            for (int step = 0; step < 20; step++) {
                float[] expected = full[prompt.length - 1 + step];
                for (int v = 0; v < logits.length; v++) {
                    assertThat(logits[v]).isCloseTo(expected[v], within(1e-4f));
                }
                int next = argmax(logits);
                cached.add(next);
                logits = session.append(new int[][] {{next}})[0];
            }
            assertThat(session.length()).isEqualTo(prompt.length + 20);
        }
        assertThat(cached).isEqualTo(reference);
    }

    @Test
    void selectionProbabilitiesSumToOne() {
        for (ExpRxRecExample example : List.of(train.get(1), withCandidates(train.get(2), 5))) {
            SelectionResult result = model.select(example);
            assertThat(result.candidates()).hasSize(example.candidates().size());
            assertThat(result.candidates().stream().mapToDouble(SelectionResult.Candidate::probability).sum())
                    .isCloseTo(1.0, within(1e-9));
            assertThat(result.candidates().get(result.chosen()).probability()).isEqualTo(
                    result.candidates().stream().mapToDouble(SelectionResult.Candidate::probability).max()
                            .orElseThrow());
        }
    }

    static ExpRxRecExample withCandidates(ExpRxRecExample example, int n) {
        List<SlotEntity> candidates = new ArrayList<>(example.candidates());
        for (int i = candidates.size(); i < n; i++) {
            candidates.add(new SlotEntity(SlotEntity.candidateSlot(i), "DrugBank:DB9000" + i, "Extradrug" + i));
        }
        return new ExpRxRecExample(example.id(), example.instruction(),
                PromptFormat.renderInput(example.disease(), candidates, example.evidence()), example.output(),
                example.disease(), candidates, example.label(), example.answer(), example.evidence(),
                example.split(), example.variant(), example.negativeMethod(), example.teacher());
    }

    @Test
    void savedAndLoadedModelGivesIdenticalOutputs(@TempDir Path dir) {
        lm.save(dir, lexicon);
        try (StudentModel loaded = StudentModel.load(dir, Device.cpu(), 1)) {
            for (ExpRxRecExample example : train.subList(0, 2)) {
                SelectionResult before = model.select(example);
                SelectionResult after = loaded.select(example);
                for (int i = 0; i < before.candidates().size(); i++) {
                    assertThat(after.candidates().get(i).logLikelihood())
                            .isCloseTo(before.candidates().get(i).logLikelihood(), within(1e-5));
                }
                GenerationOptions greedy = new GenerationOptions("greedy", 1, 16, true, -1, 1.0);
                assertThat(loaded.generate(example, greedy).textWithSlots())
                        .isEqualTo(model.generate(example, greedy).textWithSlots());
                GenerationOptions beam = new GenerationOptions("beam", 3, 12, true, -1, 1.0);
                assertThat(loaded.generate(example, beam).textWithSlots())
                        .isEqualTo(model.generate(example, beam).textWithSlots());
            }
        }
    }

    @Test
    void constrainedDecodingNeverNamesAnAbsentEntityOrSlot() {
        // Unseen examples: their genes and drugs are new, and the lexicon also knows every other example's names.
        List<ExpRxRecExample> unseen = SyntheticExamples.examples(99, 6, "test");
        List<ExpRxRecExample> everything = new ArrayList<>(train);
        everything.addAll(unseen);
        EntityLexicon all = EntityLexicon.of(everything);
        StudentLexicon wide = new StudentLexicon(lexicon.teacherWords(), all);
        try (StudentModel guarded = StudentModel.of(lm, wide, 1)) {
            for (ExpRxRecExample example : unseen) {
                for (GenerationOptions options : List.of(
                        new GenerationOptions("greedy", 1, 32, true, -1, 1.0),
                        new GenerationOptions("beam", 3, 16, true, 1, 1.0))) {
                    Rationale rationale = guarded.generate(example, options);
                    Faithfulness.Result check = Faithfulness.check(rationale.textWithSlots(), example, all);
                    assertThat(check.unsupported()).as(rationale.textWithSlots()).isEmpty();
                    assertThat(rationale.candidate()).isEqualTo(options.candidate() < 0 ? rationale.candidate() : 1);
                    assertThat(rationale.candidate()).as(rationale.toString()).isBetween(0, 1);
                }
            }
        }
    }

    @Test
    void underTheClaimGrammarAnUntrainedModelStatesNoFalseClaim() {
        // Near-random proposals: whatever the model prefers, the claim grammar lets only true sentences through.
        List<ExpRxRecExample> unseen = SyntheticExamples.examples(7, 6, "test");
        int finished = 0;
        int openedWithPath = 0;
        for (ExpRxRecExample example : unseen) {
            for (GenerationOptions options : List.of(
                    new GenerationOptions("greedy", 1, 120, true, -1, 1.0),
                    new GenerationOptions("beam", 3, 120, true, 1, 1.0))) {
                Rationale rationale = model.generate(example, options);
                org.kedrec.core.rationale.ClaimReader.Reading reading =
                        org.kedrec.core.rationale.ClaimReader.read(example, rationale.textWithSlots());
                assertThat(reading.unfaithful()).as(rationale.textWithSlots()).isEmpty();
                assertThat(reading.claims()).as(rationale.textWithSlots()).isNotEmpty();
                assertThat(reading.unfilledSlots()).isEmpty();
                assertThat(reading.gluedWords()).isEmpty();
                assertThat(reading.contradictions()).isEmpty();
                // and whatever it prefers, a selected drug with a path is explained by its path first
                boolean hasPath = example.evidenceFor(reading.selection()).stream()
                        .anyMatch(e -> e.kind() == org.kedrec.core.evidence.EvidenceKind.PATH && e.nodes().size() > 1);
                if (hasPath) {
                    assertThat(reading.claims().get(0).kind()).as(rationale.textWithSlots()).isIn(
                            org.kedrec.core.rationale.Claim.Kind.PATH_EDGE,
                            org.kedrec.core.rationale.Claim.Kind.PATH_LINK,
                            org.kedrec.core.rationale.Claim.Kind.BINDING_ROLE);
                    assertThat(reading.claims().get(0).subject()).isEqualTo(reading.selection());
                    openedWithPath++;
                }
                if (rationale.finished()) {
                    finished++;
                    assertThat(reading.clean()).as(rationale.textWithSlots() + "\n" + reading).isTrue();
                }
            }
        }
        assertThat(finished).isPositive();
        assertThat(openedWithPath).as("rationales for a drug with a path").isPositive();
        // Unconstrained, the same model writes text outside the grammar.
        Rationale free = model.generate(unseen.get(0), new GenerationOptions("greedy", 1, 40, false, -1, 1.0));
        assertThat(org.kedrec.core.rationale.ClaimReader.read(unseen.get(0), free.textWithSlots()).clean())
                .as(free.textWithSlots()).isFalse();
    }

    /** The longest n such that some n-gram of {@code tokens} occurs twice. */
    static int longestRepeat(int[] tokens) {
        int longest = 0;
        for (int n = 1; n <= tokens.length; n++) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            boolean repeated = false;
            for (int i = 0; i + n <= tokens.length && !repeated; i++) {
                repeated = !seen.add(Arrays.toString(Arrays.copyOfRange(tokens, i, i + n)));
            }
            if (!repeated) {
                break;
            }
            longest = n;
        }
        return longest;
    }

    private static Decoder.Repetition rules4() {
        return new Decoder.Repetition(4, true, 3);
    }

    @Test
    void repetitionRulesStopLoopsAndRepeatedCitations() {
        Decoder.Repetition rules = new Decoder.Repetition(3, true, 0);
        assertThat(rules.repeatsNgram(new int[] {5, 6, 7, 5, 6}, 5, 7)).isTrue(); // 5 6 7 again
        assertThat(rules.repeatsNgram(new int[] {5, 6, 7, 5, 6}, 5, 8)).isFalse();
        assertThat(rules.repeatsNgram(new int[] {5, 6, 7, 5, 6}, 4, 6)).isFalse(); // only history[0..4) counts
        assertThat(Decoder.Repetition.NONE.repeatsNgram(new int[] {5, 5, 5}, 3, 5)).isFalse();
        assertThat(Decoder.citesTwice("[C1]. [C1] binds X [E1]; it also binds Y [E2]. [C2] [E3]")).isFalse();
        assertThat(Decoder.citesTwice("[C1]. [C1] binds X [E1]; it also binds X [E1]")).isTrue();
        assertThat(Decoder.hasTandemRepeat("[C1]. [C1] shares the class class", 3)).isFalse(); // may grow: classes
        assertThat(Decoder.hasTandemRepeat("[C1]. [C1] shares the class class ", 3)).isTrue();
        assertThat(Decoder.hasTandemRepeat("[C1]. [C1] resembles X with Y with Y,", 3)).isTrue();
        assertThat(Decoder.hasTandemRepeat("[C1]. [C1] resembles PMID with PMID with [D]", 1)).isFalse();
        assertThat(Decoder.hasTandemRepeat("[C1]. [C1] resembles PMID with PMID with [D]", 2)).isTrue();
        assertThat(Decoder.hasTandemRepeat("[C1]. [C1] treats [D] [D]", 3)).isTrue();
        assertThat(Decoder.hasTandemRepeat("(phase 3, completed, completed, succeeded)", 3)).isTrue();
        assertThat(Decoder.hasTandemRepeat("[C2]. [C2] binds X, a gene associated with [D] [E1]; it also binds Y, "
                + "a gene associated with [D] [E2]. [C1] is linked to [D] [E3] but has no trial for it.", 4)).isFalse();

        // An untrained model loops; with the rules on, no 4-token n-gram and no evidence slot comes twice.
        Decoder decoder = new Decoder(lm);
        int looping = 0;
        for (ExpRxRecExample example : train.subList(0, 4)) {
            StudentPrompt.Rendered prompt = StudentPrompt.render(example, lm.tokenizer(), 200, 48);
            AnswerConstraint constraint = AnswerConstraint.of(example, prompt.shownEvidence(),
                    prompt.evidenceWords(), lexicon, -1, true);
            try (LmSession session = lm.newSession()) {
                looping += longestRepeat(decoder.greedy(session, prompt.ids(), constraint, 48).tokens()) >= 4 ? 1 : 0;
            }
            for (int beam : new int[] {1, 3}) {
                try (LmSession session = lm.newSession()) {
                    Decoder.Output out = beam == 1
                            ? decoder.greedy(session, prompt.ids(), constraint, 48, rules4())
                            : decoder.beam(session, prompt.ids(), constraint, 48, beam, 1.0, rules4());
                    String text = lm.tokenizer().decode(out.tokens());
                    assertThat(longestRepeat(out.tokens())).as(text).isLessThan(4);
                    assertThat(Decoder.citesTwice(text)).as(text).isFalse();
                    assertThat(Decoder.hasTandemRepeat(out.finished() ? text + " " : text, 3)).as(text).isFalse();
                }
            }
        }
        assertThat(looping).as("the untrained model loops without the rules").isPositive();
        // The options reach the decoder through generate.
        GenerationOptions ruled = new GenerationOptions("greedy", 1, 48, true, -1, 1.0).withRepetitionRules(4, true, 3);
        assertThat(Decoder.citesTwice(model.generate(train.get(0), ruled).textWithSlots())).isFalse();
        assertThatThrownBy(() -> GenerationOptions.of(java.util.Map.of("noRepeatNgram", 1))).hasMessage(
                "The value of `noRepeatNgram` must be 0 (off) or between 2 and 512 but was 1.");
    }

    @Test
    void refusesBadRequests() {
        ExpRxRecExample example = train.get(0);
        assertThatThrownBy(() -> model.generate(example, GenerationOptions.defaults().withCandidate(4)))
                .hasMessage("The value of `candidate` must be below the number of candidates (2) but was 4.");
        assertThatThrownBy(() -> GenerationOptions.of(java.util.Map.of("beamwidth", 3)))
                .hasMessage("Unexpected configuration key: beamwidth (Did you mean [beamWidth]?)");
        assertThatThrownBy(() -> model.select(withCandidates(example, 9)))
                .hasMessage("An example needs between 1 and 8 candidates but " + example.id() + " has 9.");
    }

    @Test
    void answersCutByTheTokenLimitLoseTheirUnfinishedWord() {
        assertThat(StudentModel.dropUnfinishedWord("[C1]. It is mentioned in PMID 12")).isEqualTo(
                "[C1]. It is mentioned in PMID ");
        assertThat(StudentModel.dropUnfinishedWord("[C1]. It binds [E1")).isEqualTo("[C1]. It binds ");
        assertThat(StudentModel.dropUnfinishedWord("[C1]. It binds [E1]")).isEqualTo("[C1]. It binds [E1]");
    }

    @Test
    void restoresNamesAndIds() {
        ExpRxRecExample example = train.get(0);
        String trialSlot = example.evidence().stream()
                .filter(e -> e.id() != null).findFirst().orElseThrow().slot();
        String restored = StudentPrompt.restore("[C1]. [C1] treats [D] " + trialSlot + ".", example);
        String drug = example.candidates().get(0).name();
        assertThat(restored).isEqualTo(drug + ". " + drug + " treats " + example.disease().name() + " ["
                + example.evidence().stream().filter(e -> e.id() != null).findFirst().orElseThrow().id() + "].");
    }

    @Test
    void promptHidesTheNamesOfDiseaseAndCandidates() {
        Random random = new Random(5);
        ExpRxRecExample example = SyntheticExamples.example(random, "test");
        String prompt = lm.tokenizer().decode(StudentPrompt.render(example, lm.tokenizer(), 250, 48).ids());
        assertThat(prompt).startsWith("<bos>[C1] [C2]\n[E1] ").endsWith("<sep>");
        assertThat(prompt).doesNotContain(example.disease().name(), example.candidates().get(0).name(),
                example.candidates().get(1).name());
    }

    @Test
    void theRankersVerdictIsOnePromptLineOfSlotsInItsOrder() {
        ExpRxRecExample example = SyntheticExamples.example(new Random(5), "test");
        CandidateScorer second = e -> new double[] {0.2, 0.9};
        String prompt = lm.tokenizer().decode(StudentPrompt.render(example, lm.tokenizer(), 250, 48, second).ids());
        assertThat(prompt).startsWith("<bos>[C1] [C2]\nranker ranks [C2] above [C1]\n[E1] ");
        // A candidate the ranker does not know leaves one known score: no verdict, rather than a guessed one.
        CandidateScorer unknown = e -> new double[] {Double.NaN, 0.9};
        assertThat(unknown.line(example)).isNull();
        assertThat(CandidateScorer.NONE.line(example)).isNull();
        // Ties keep the candidates' order, so a prompt never depends on anything but the scores.
        assertThat(((CandidateScorer) e -> new double[] {0.5, 0.5}).line(example))
                .isEqualTo("ranker ranks [C1] above [C2]");
        String without = lm.tokenizer().decode(StudentPrompt.render(example, lm.tokenizer(), 250, 48).ids());
        assertThat(without).doesNotContain("ranker");
    }

    @Test
    void theScoredLineAddsEachScoreAfterItsSlotAndTheFormIsReadBackFromToolsJson(@TempDir Path dir)
            throws java.io.IOException {
        ExpRxRecExample example = SyntheticExamples.example(new Random(5), "test");
        CandidateScorer second = CandidateScorer.of(e -> new double[] {0.2, 0.9349}, RankerLine.SCORES);
        assertThat(second.lineForm()).isEqualTo(RankerLine.SCORES);
        String prompt = lm.tokenizer().decode(StudentPrompt.render(example, lm.tokenizer(), 250, 48, second).ids());
        assertThat(prompt).startsWith("<bos>[C1] [C2]\nranker ranks [C2] (0.935) above [C1] (0.200)\n[E1] ");
        // The verdict is the scored line's prefix in both forms, and an unknown score still means no line.
        assertThat(CandidateScorer.of(e -> new double[] {0.2, 0.9}, RankerLine.VERDICT).line(example))
                .isEqualTo("ranker ranks [C2] above [C1]");
        assertThat(CandidateScorer.of(e -> new double[] {Double.NaN, 0.9}, RankerLine.SCORES).line(example)).isNull();
        // The command line and tools.json name a form by its label; an unknown one is refused with the valid ones.
        assertThat(RankerLine.parse("scores")).isEqualTo(RankerLine.SCORES);
        assertThat(RankerLine.VERDICT).hasToString("verdict");
        assertThatThrownBy(() -> RankerLine.parse("score"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown ranker line form: `score`. Valid forms are: [verdict, scores].");
        CandidateScorer.markRankerTool(dir, RankerLine.SCORES);
        assertThat(java.nio.file.Files.readString(dir.resolve(CandidateScorer.TOOLS_FILE)))
                .contains("\"rankerLine\": \"scores\"");
        assertThat(CandidateScorer.lineForm(dir.resolve(CandidateScorer.TOOLS_FILE))).isEqualTo(RankerLine.SCORES);
        // A student trained before the scored line has {"ranker": true} alone: it read the verdict.
        java.nio.file.Files.writeString(dir.resolve(CandidateScorer.TOOLS_FILE), "{\"ranker\": true}\n");
        assertThat(CandidateScorer.lineForm(dir.resolve(CandidateScorer.TOOLS_FILE))).isEqualTo(RankerLine.VERDICT);
        java.nio.file.Files.writeString(dir.resolve(CandidateScorer.TOOLS_FILE),
                "{\"ranker\": true, \"rankerLine\": \"probabilities\"}\n");
        assertThatThrownBy(() -> CandidateScorer.lineForm(dir.resolve(CandidateScorer.TOOLS_FILE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("`probabilities`")
                .hasMessageContaining("--ranker-line scores");
    }

    @Test
    void theRankersWeightAddsItsLogOddsToTheLikelihoodsAndTheAnswerArguesForTheCombinedChoice() {
        ExpRxRecExample example = SyntheticExamples.example(new Random(5), "test");
        double[] scores = {0.999, 0.001};
        CandidateScorer ranker = CandidateScorer.of(e -> scores.clone(), RankerLine.VERDICT);
        // Its own untrained model: closing a student closes its model.
        NativeCausalLm own = NativeCausalLm.create(StudentConfig.preset("tiny", lm.tokenizer().vocabSize(), 256),
                lm.tokenizer(), Device.cpu());
        try (StudentModel weighted = StudentModel.of(own, lexicon, 1, ranker, 10)) {
            assertThat(weighted.rankerWeight()).isEqualTo(10);
            for (int favourite = 0; favourite < 2; favourite++) {
                scores[favourite] = 0.999;
                scores[1 - favourite] = 0.001;
                SelectionResult result = weighted.select(example);
                // An untrained student's likelihoods differ by far less than 10 x 13.8 nats: the ranker decides.
                assertThat(result.chosen()).isEqualTo(favourite);
                assertThat(result.rankerWeight()).isEqualTo(10);
                double[] combined = new double[2];
                for (int i = 0; i < 2; i++) {
                    SelectionResult.Candidate c = result.candidates().get(i);
                    assertThat(c.rankerLogOdds()).isCloseTo(Math.log(scores[i] / (1 - scores[i])), within(1e-9));
                    combined[i] = c.logLikelihood() + 10 * c.rankerLogOdds();
                }
                double max = Math.max(combined[0], combined[1]);
                double z = Math.exp(combined[0] - max) + Math.exp(combined[1] - max);
                for (int i = 0; i < 2; i++) {
                    assertThat(result.candidates().get(i).probability())
                            .isCloseTo(Math.exp(combined[i] - max) / z, within(1e-9));
                }
                int alone = result.candidates().get(0).logLikelihood() >= result.candidates().get(1).logLikelihood()
                        ? 0 : 1;
                assertThat(result.chosenByStudentAlone()).isEqualTo(alone);
                // Left to choose, the answer argues for the combined choice, not the decoder's own first slot.
                Rationale rationale = weighted.generate(example, new GenerationOptions("greedy", 1, 24, true, -1, 1.0));
                assertThat(rationale.candidate()).as(rationale.textWithSlots()).isEqualTo(favourite);
            }
            // Without a score for every candidate the likelihoods alone decide, and the result says so.
            scores[0] = Double.NaN;
            SelectionResult partial = weighted.select(example);
            assertThat(partial.rankerWeight()).isZero();
            assertThat(partial.chosen()).isEqualTo(partial.chosenByStudentAlone());
            assertThat(partial.candidates().get(0).rankerLogOdds()).isNaN();
        }
        assertThatThrownBy(() -> StudentModel.of(lm, lexicon, 1, ranker, -0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rankerWeight must be a finite number of at least 0 but was -0.5.");
    }

    @Test
    void onADiseaseTheStudentNeverTrainedOnTheUnseenDiseaseVoteDecides() {
        ExpRxRecExample example = SyntheticExamples.example(new Random(5), "test");
        String disease = example.disease().id();
        double[] scores = {0.001, 0.999};
        CandidateScorer ranker = CandidateScorer.of(e -> scores.clone(), RankerLine.VERDICT);
        NativeCausalLm own = NativeCausalLm.create(StudentConfig.preset("tiny", lm.tokenizer().vocabSize(), 256),
                lm.tokenizer(), Device.cpu());
        // Seen: the validation-fitted weight 0 leaves the choice to the student. Unseen: the ranker, at 10.
        UnseenDiseaseVote seen = new UnseenDiseaseVote(0.25, 10, java.util.Set.of(disease));
        UnseenDiseaseVote unseen = new UnseenDiseaseVote(0.25, 10, java.util.Set.of("DOID:none"));
        try (StudentModel student = StudentModel.of(own, lexicon, 1, ranker, 0, seen)) {
            SelectionResult result = student.select(example);
            assertThat(result.unseenDisease()).isFalse();
            assertThat(result.rankerWeight()).isZero();
            assertThat(result.studentScale()).isEqualTo(1);
            assertThat(result.chosen()).isEqualTo(result.chosenByStudentAlone());
        }
        NativeCausalLm again = NativeCausalLm.create(StudentConfig.preset("tiny", lm.tokenizer().vocabSize(), 256),
                lm.tokenizer(), Device.cpu());
        try (StudentModel student = StudentModel.of(again, lexicon, 1, ranker, 0, unseen)) {
            for (int favourite = 0; favourite < 2; favourite++) {
                scores[favourite] = 0.999;
                scores[1 - favourite] = 0.001;
                SelectionResult result = student.select(example);
                assertThat(result.unseenDisease()).isTrue();
                assertThat(result.rankerWeight()).isEqualTo(10);
                assertThat(result.studentScale()).isEqualTo(0.25);
                assertThat(result.chosen()).isEqualTo(favourite);
                double[] combined = new double[2];
                for (int i = 0; i < 2; i++) {
                    SelectionResult.Candidate c = result.candidates().get(i);
                    combined[i] = 0.25 * c.logLikelihood() + 10 * c.rankerLogOdds();
                }
                double max = Math.max(combined[0], combined[1]);
                double z = Math.exp(combined[0] - max) + Math.exp(combined[1] - max);
                assertThat(result.candidates().get(favourite).probability())
                        .isCloseTo(Math.exp(combined[favourite] - max) / z, within(1e-9));
                // Even at weight 0 on known diseases, the answer argues for the vote's choice here.
                Rationale rationale = student.generate(example, new GenerationOptions("greedy", 1, 24, true, -1, 1.0));
                assertThat(rationale.candidate()).as(rationale.textWithSlots()).isEqualTo(favourite);
            }
            // Without a score for every candidate there is no vote: the student alone, at full scale.
            scores[0] = Double.NaN;
            SelectionResult partial = student.select(example);
            assertThat(partial.unseenDisease()).isFalse();
            assertThat(partial.chosen()).isEqualTo(partial.chosenByStudentAlone());
        }
        // At full scale the unseen vote still says it decided (the scale is not the flag).
        NativeCausalLm third = NativeCausalLm.create(StudentConfig.preset("tiny", lm.tokenizer().vocabSize(), 256),
                lm.tokenizer(), Device.cpu());
        scores[0] = 0.5;
        try (StudentModel student = StudentModel.of(third, lexicon, 1, ranker, 0,
                new UnseenDiseaseVote(1, 10, java.util.Set.of("DOID:none")))) {
            SelectionResult result = student.select(example);
            assertThat(result.unseenDisease()).isTrue();
            assertThat(result.studentScale()).isEqualTo(1);
        }
        assertThatThrownBy(() -> new UnseenDiseaseVote(0, 1, java.util.Set.of(disease)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new UnseenDiseaseVote(0.5, 1, java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trained on");
    }

    @Test
    void theUnseenDiseaseVoteIsReadBackFromToolsJsonAndABadOneIsRefused(@TempDir Path dir)
            throws java.io.IOException {
        Path tools = dir.resolve(CandidateScorer.TOOLS_FILE);
        CandidateScorer.markRankerTool(dir, RankerLine.SCORES, 0.9,
                new UnseenDiseaseVote(0.05, 0.9, java.util.Set.of("DOID:2", "DOID:1")));
        assertThat(CandidateScorer.rankerWeight(tools)).isEqualTo(0.9);
        UnseenDiseaseVote read = CandidateScorer.unseenDiseaseVote(tools);
        assertThat(read.studentScale()).isEqualTo(0.05);
        assertThat(read.rankerWeight()).isEqualTo(0.9);
        assertThat(read.trainedDiseases()).containsExactlyInAnyOrder("DOID:1", "DOID:2");
        assertThat(read.appliesTo("DOID:1")).isFalse();
        assertThat(read.appliesTo("DOID:3")).isTrue();
        // A student trained before the vote has none: it votes alike on every disease.
        CandidateScorer.markRankerTool(dir, RankerLine.SCORES, 0.9);
        assertThat(CandidateScorer.unseenDiseaseVote(tools)).isNull();
        java.nio.file.Files.writeString(tools, "{\"ranker\": true, \"unseenDiseaseVote\": {\"studentScale\": 2, "
                + "\"rankerWeight\": 1, \"trainedDiseases\": [\"DOID:1\"]}}\n");
        assertThatThrownBy(() -> CandidateScorer.unseenDiseaseVote(tools))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("`unseenDiseaseVote`")
                .hasMessageContaining("Retrain the student");
    }

    @Test
    void theRankersWeightIsReadBackFromToolsJsonAndABadOneIsRefused(@TempDir Path dir) throws java.io.IOException {
        Path tools = dir.resolve(CandidateScorer.TOOLS_FILE);
        CandidateScorer.markRankerTool(dir, RankerLine.SCORES, 1.15);
        assertThat(CandidateScorer.rankerWeight(tools)).isEqualTo(1.15);
        assertThat(CandidateScorer.lineForm(tools)).isEqualTo(RankerLine.SCORES);
        // Students trained before the weight was fitted select by their likelihoods alone, as they were measured.
        java.nio.file.Files.writeString(tools, "{\"ranker\": true, \"rankerLine\": \"verdict\"}\n");
        assertThat(CandidateScorer.rankerWeight(tools)).isZero();
        for (String bad : List.of("-1", "\"heavy\"", "1e999")) {
            java.nio.file.Files.writeString(tools, "{\"ranker\": true, \"rankerWeight\": " + bad + "}\n");
            assertThatThrownBy(() -> CandidateScorer.rankerWeight(tools))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("`rankerWeight`")
                    .hasMessageContaining("at least 0")
                    .hasMessageContaining("kedrec train student --ranker-tool");
        }
        assertThatThrownBy(() -> CandidateScorer.markRankerTool(dir, RankerLine.VERDICT, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }
}
