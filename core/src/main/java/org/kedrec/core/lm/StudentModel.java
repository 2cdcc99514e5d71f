package org.kedrec.core.lm;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.SlotEntity;

/**
 * The serving API of KEDRec-LM, called in-process by the plugin's {@code kedrec.select}, {@code kedrec.explain}
 * and {@code kedrec.recommend(rationale: 'student')}: {@link #select} scores the candidates, {@link #generate}
 * writes the rationale. It loads either the student trained by {@code kedrec train student} or a user's own causal
 * LM exported to TorchScript (see {@code docs/student.md}).
 *
 * <p>Thread-safe. At most {@code maxConcurrent} calls run at once (the rest wait), each with its own native
 * memory scope freed when it returns; the weights are shared read-only. {@link #close} frees the model.
 */
public final class StudentModel implements AutoCloseable {
    private final CausalLm lm;
    private final PromptEncoder encoder;
    private final StudentLexicon lexicon;
    private final Decoder decoder;
    private final Semaphore permits;
    private final Path directory;
    private final int maxConcurrent;
    private final CandidateScorer tools;
    private final double rankerWeight;
    /** The vote on diseases the student never trained on; null: {@link #rankerWeight} on every disease. */
    private final UnseenDiseaseVote unseenVote;
    /** The shape of the prompts it trained on, which {@code kedrec.select} builds for it. */
    private final PromptShape promptShape;
    private volatile boolean closed;

    private StudentModel(CausalLm lm, PromptEncoder encoder, StudentLexicon lexicon, Path directory,
                         int maxConcurrent, CandidateScorer tools, double rankerWeight, UnseenDiseaseVote unseenVote,
                         PromptShape promptShape) {
        this.promptShape = promptShape;
        this.tools = tools;
        this.rankerWeight = rankerWeight;
        this.unseenVote = unseenVote;
        this.lm = lm;
        this.encoder = encoder;
        this.lexicon = lexicon;
        this.decoder = new Decoder(lm);
        this.permits = new Semaphore(maxConcurrent, true);
        this.directory = directory;
        this.maxConcurrent = maxConcurrent;
    }

    /** Loads a model directory on {@code device}, allowing as many concurrent calls as there are processors. */
    public static StudentModel load(Path dir, Device device) {
        return load(dir, device, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads a student directory ({@code student.json} + {@code tokenizer.json} + parameters + {@code lexicon.json})
     * or a bring-your-own directory ({@code model.pt} + {@code tokenizer.json} + {@code kedrec-lm.json}).
     */
    public static StudentModel load(Path dir, Device device, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException(Messages.format(
                    "maxConcurrent must be at least 1 but was %d.", maxConcurrent));
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(Messages.format(
                    "No model directory at %s. Train one with `kedrec train student --model DIR` or export your own "
                            + "(docs/student.md).", dir));
        }
        PromptShape shape = PromptShape.read(dir);
        if (Files.isRegularFile(dir.resolve(StudentFiles.CONFIG))) {
            StudentLexicon lexicon = StudentLexicon.read(dir.resolve(StudentFiles.LEXICON));
            CandidateScorer tools = CandidateScorer.forStudent(dir);
            Path toolsFile = dir.resolve(CandidateScorer.TOOLS_FILE);
            double weight = tools == CandidateScorer.NONE ? 0 : CandidateScorer.rankerWeight(toolsFile);
            UnseenDiseaseVote unseen = tools == CandidateScorer.NONE ? null
                    : CandidateScorer.unseenDiseaseVote(toolsFile);
            NativeCausalLm lm = NativeCausalLm.load(dir, device);
            return new StudentModel(lm, new NativeEncoder(lm, tools), lexicon, dir, maxConcurrent, tools, weight,
                    unseen, shape);
        }
        if (Files.isRegularFile(dir.resolve(StudentFiles.TORCHSCRIPT))) {
            TorchScriptCausalLm lm = TorchScriptCausalLm.load(dir, device);
            StudentLexicon lexicon = Files.isRegularFile(dir.resolve(StudentFiles.LEXICON))
                    ? StudentLexicon.read(dir.resolve(StudentFiles.LEXICON))
                    : new StudentLexicon(List.of(), new org.kedrec.core.metrics.EntityLexicon(List.of()));
            return new StudentModel(lm, new TemplateEncoder(lm), lexicon, dir, maxConcurrent, CandidateScorer.NONE,
                    0, null, shape);
        }
        throw new IllegalArgumentException(Messages.format(
                "%s holds neither a student (%s) nor a TorchScript model (%s). Train one with `kedrec train student` "
                        + "or export your own as docs/student.md describes.", dir, StudentFiles.CONFIG,
                StudentFiles.TORCHSCRIPT));
    }

    /** Wraps an already loaded backend (the trainer evaluates the model it just trained this way). */
    public static StudentModel of(NativeCausalLm lm, StudentLexicon lexicon, int maxConcurrent) {
        return of(lm, lexicon, maxConcurrent, CandidateScorer.NONE);
    }

    /** As {@link #of(NativeCausalLm, StudentLexicon, int)} for a student trained with {@code tools} in its prompt. */
    public static StudentModel of(NativeCausalLm lm, StudentLexicon lexicon, int maxConcurrent,
                                  CandidateScorer tools) {
        return of(lm, lexicon, maxConcurrent, tools, 0);
    }

    /**
     * As above, selecting with {@code rankerWeight} times the ranker's log-odds added to the student's
     * log-likelihoods ({@link #select}); {@link #close} closes {@code tools} too.
     */
    public static StudentModel of(NativeCausalLm lm, StudentLexicon lexicon, int maxConcurrent,
                                  CandidateScorer tools, double rankerWeight) {
        return of(lm, lexicon, maxConcurrent, tools, rankerWeight, null);
    }

    /** As above, with {@code unseenVote} (null: none) on the diseases the student never trained on. */
    public static StudentModel of(NativeCausalLm lm, StudentLexicon lexicon, int maxConcurrent,
                                  CandidateScorer tools, double rankerWeight, UnseenDiseaseVote unseenVote) {
        if (!(rankerWeight >= 0) || Double.isInfinite(rankerWeight)) {
            throw new IllegalArgumentException(Messages.format(
                    "rankerWeight must be a finite number of at least 0 but was %s.", rankerWeight));
        }
        return new StudentModel(lm, new NativeEncoder(lm, tools), lexicon, null, maxConcurrent, tools, rankerWeight,
                unseenVote, PromptShape.DEFAULT);
    }

    /**
     * The weight of the ranker's log-odds in {@link #select} on the diseases the student trained on (0: the
     * student's likelihoods alone decide).
     */
    public double rankerWeight() {
        return rankerWeight;
    }

    /** The vote on diseases the student never trained on, or null when it votes as on the others. */
    public UnseenDiseaseVote unseenDiseaseVote() {
        return unseenVote;
    }

    /**
     * The shape of the prompts the student trained on ({@link PromptShape#FILE}; {@link PromptShape#DEFAULT} for a
     * student that records none): {@code kedrec.select} builds its prompt the same way.
     */
    public PromptShape promptShape() {
        return promptShape;
    }

    public CausalLm backend() {
        return lm;
    }

    public StudentLexicon lexicon() {
        return lexicon;
    }

    public Path directory() {
        return directory;
    }

    /**
     * The probability of each candidate: the likelihood of an answer opening with that candidate ({@code [Ck].})
     * after the prompt, normalised over the candidates. A student trained with the ranker's line also adds
     * {@link #rankerWeight} times the ranker's log-odds of each candidate (a weight fitted on the validation pairs
     * after training): the student reads the line in its prompt but does not follow it (docs/student.md, sixth
     * round), and on the validation pairs the two together choose better than either. On a disease the student never
     * trained on, the {@link UnseenDiseaseVote} weighs the two instead (there the ranker is the better judge). Without
     * a ranker score for every candidate the likelihoods alone decide.
     */
    public SelectionResult select(ExpRxRecExample example) {
        long start = System.nanoTime();
        StudentPrompt.validate(example);
        int n = example.candidates().size();
        double[] logLikelihood = new double[n];
        run(() -> {
            PromptEncoder.Encoded prompt = encoder.encode(example);
            int[][] openings = new int[n][];
            int longest = 0;
            for (int i = 0; i < n; i++) {
                openings[i] = encoder.answerOpening(i);
                longest = Math.max(longest, openings[i].length);
            }
            try (LmSession session = lm.newSession()) {
                float[][] logits = session.append(new int[][] {prompt.ids()});
                session.keepRows(new int[n]);
                double[] first = Decoder.logSoftmax(logits[0]);
                float[][] current = new float[n][];
                Arrays.fill(current, null);
                for (int i = 0; i < n; i++) {
                    logLikelihood[i] = first[openings[i][0]];
                }
                for (int t = 1; t < longest; t++) {
                    int[][] step = new int[n][1];
                    for (int i = 0; i < n; i++) {
                        // Rows whose opening is complete get a filler; causal attention keeps it out of their score.
                        step[i][0] = openings[i][Math.min(t - 1, openings[i].length - 1)];
                    }
                    current = session.append(step);
                    for (int i = 0; i < n; i++) {
                        if (t < openings[i].length) {
                            logLikelihood[i] += Decoder.logSoftmax(current[i])[openings[i][t]];
                        }
                    }
                }
            }
        });
        double[] rankerLogOdds = new double[n];
        double[] rankerScores = tools.scores(example);
        for (int i = 0; i < n; i++) {
            rankerLogOdds[i] = rankerScores == null || rankerScores.length != n || Double.isNaN(rankerScores[i])
                    ? Double.NaN : CandidateScorer.logOdds(rankerScores[i]);
        }
        boolean scored = SelectionResult.everyScore(rankerLogOdds, n);
        boolean unseen = scored && unseenVote != null && example.disease() != null
                && unseenVote.appliesTo(example.disease().id());
        double scale = unseen ? unseenVote.studentScale() : 1;
        double weight = !scored ? 0 : unseen ? unseenVote.rankerWeight() : rankerWeight;
        double[] combined = SelectionResult.combined(logLikelihood, rankerLogOdds, scale, weight);
        double[] probability = Softmax.of(combined);
        List<SelectionResult.Candidate> out = new ArrayList<>();
        int chosen = 0;
        for (int i = 0; i < n; i++) {
            SlotEntity candidate = example.candidates().get(i);
            out.add(new SelectionResult.Candidate(candidate.slot(), candidate.id(), candidate.name(),
                    logLikelihood[i], rankerLogOdds[i], probability[i]));
            if (combined[i] > combined[chosen]) {
                chosen = i;
            }
        }
        return new SelectionResult(List.copyOf(out), chosen, (System.nanoTime() - start) / 1e6, weight, scale,
                unseen);
    }

    /** Writes the answer (selection + rationale) for an example. */
    public Rationale generate(ExpRxRecExample example, GenerationOptions options) {
        long start = System.nanoTime();
        StudentPrompt.validate(example);
        if (options.candidate() >= example.candidates().size()) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `candidate` must be below the number of candidates (%d) but was %d.",
                    example.candidates().size(), options.candidate()));
        }
        // With the ranker in the selection, the answer argues for the candidate select() chooses; without it the
        // decoder picks the opening slot, the student's own choice.
        boolean voted = rankerWeight > 0 || unseenVote != null;
        int forced = options.candidate() >= 0 || !voted ? options.candidate() : select(example).chosen();
        Decoder.Output[] output = new Decoder.Output[1];
        AnswerConstraint[] used = new AnswerConstraint[1];
        run(() -> {
            PromptEncoder.Encoded prompt = encoder.encode(example);
            AnswerConstraint constraint = AnswerConstraint.of(example, prompt.shownEvidence(),
                    prompt.evidenceWords(), lexicon, forced, options.constrained(), true);
            used[0] = constraint;
            int room = Math.min(options.maxNewTokens(), lm.maxSeqLen() - prompt.ids().length);
            Decoder.Repetition rules = new Decoder.Repetition(options.noRepeatNgram(), options.uniqueCitations(),
                    options.noTandemRepeat());
            try (LmSession session = lm.newSession()) {
                output[0] = "beam".equals(options.strategy())
                        ? decoder.beam(session, prompt.ids(), constraint, room, options.beamWidth(),
                                options.lengthPenalty(), rules)
                        : decoder.greedy(session, prompt.ids(), constraint, room, rules);
            }
        });
        String withSlots = lm.tokenizer().decode(output[0].tokens());
        if (!output[0].finished()) {
            // Under the claim grammar a cut answer goes back to its last whole sentence, not just its last word.
            withSlots = used[0] != null && used[0].followsGrammar()
                    ? used[0].completeAnswer(withSlots.strip()) : dropUnfinishedWord(withSlots);
        }
        if (lm.kind().equals("student")) {
            withSlots = withSlots.strip();
        }
        int candidate = -1;
        for (int i = 0; i < example.candidates().size(); i++) {
            if (withSlots.startsWith(SlotEntity.candidateSlot(i))) {
                candidate = i;
            }
        }
        return new Rationale(withSlots, StudentPrompt.restore(withSlots, example), candidate,
                output[0].tokens().length, (System.nanoTime() - start) / 1e6, output[0].finished());
    }

    /**
     * An answer cut by {@code maxNewTokens} may end inside a word, id or slot that the constraint would only have
     * judged once finished ({@code PMID 12} of {@code PMID 1234}); drop that tail so only checked text is returned.
     */
    static String dropUnfinishedWord(String text) {
        int end = text.length();
        int open = text.lastIndexOf('[');
        if (open >= 0 && text.indexOf(']', open) < 0) {
            end = open;
        }
        while (end > 0 && org.kedrec.core.metrics.Mentions.isWordChar(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        if (end > 0 && text.codePointBefore(end) == '\uFFFD') {
            end--;
        }
        return text.substring(0, end);
    }

    private void run(Runnable work) {
        if (closed) {
            throw new IllegalStateException("The student model has been closed; load it again.");
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a free student model slot.", e);
        }
        try {
            work.run();
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Wait until running calls return so no native memory is freed under them.
        permits.acquireUninterruptibly(maxConcurrent);
        lm.close();
        tools.close();
    }

    /** The student's own prompt: names masked, one token per slot. */
    private static final class NativeEncoder implements PromptEncoder {
        private final NativeCausalLm lm;
        private final StudentConfig config;
        private final int period;
        private final CandidateScorer tools;

        NativeEncoder(NativeCausalLm lm, CandidateScorer tools) {
            this.lm = lm;
            this.tools = tools;
            this.config = lm.transformer().config();
            int[] dot = lm.tokenizer().encode(".");
            this.period = dot[0];
        }

        @Override
        public Encoded encode(ExpRxRecExample example) {
            StudentPrompt.Rendered rendered = StudentPrompt.render(example, lm.tokenizer(),
                    config.maxSeqLen() - config.answerTokens(), config.lineTokens(), tools);
            return new Encoded(rendered.ids(), rendered.shownEvidence(), rendered.evidenceWords());
        }

        @Override
        public int[] answerOpening(int index) {
            return new int[] {SpecialTokens.candidateId(index), period};
        }

        @Override
        public int answerBudget() {
            return config.answerTokens();
        }
    }
}
