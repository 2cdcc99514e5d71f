package org.kedrec.trainer.student;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.lm.BpeTokenizer;
import org.kedrec.core.lm.CandidateScorer;
import org.kedrec.core.lm.SpecialTokens;
import org.kedrec.core.lm.StudentConfig;
import org.kedrec.core.lm.StudentPrompt;

/**
 * Training sequences: prompt + teacher answer + {@code <eos>}, with the loss on the answer tokens only
 * (sequence-level distillation), batched by length so little compute goes to padding.
 */
final class Sequences {
    /** One example as tokens; {@code answerStart} is the index of the answer's first token. */
    record Sequence(int[] ids, int answerStart, int label) {}

    /** A padded batch: inputs (B, T), flat indices of the positions that predict answer tokens, their targets. */
    record Batch(long[] inputs, int rows, int time, long[] positions, long[] targets, int[] firstAnswerRow,
                 int[] labels, int tokens) {
        /** Loss weights per target: {@code selectionWeight} for each answer's first token (the choice), else 1. */
        float[] weights(float selectionWeight) {
            float[] out = new float[targets.length];
            java.util.Arrays.fill(out, 1f);
            for (int row : firstAnswerRow) {
                out[row] = selectionWeight;
            }
            return out;
        }
    }

    private Sequences() {}

    static Sequence of(ExpRxRecExample example, BpeTokenizer tokenizer, StudentConfig config) {
        return of(example, tokenizer, config, CandidateScorer.NONE);
    }

    static Sequence of(ExpRxRecExample example, BpeTokenizer tokenizer, StudentConfig config, CandidateScorer tools) {
        int[] prompt = StudentPrompt.render(example, tokenizer, config.maxSeqLen() - config.answerTokens(),
                config.lineTokens(), tools).ids();
        int[] answer = StudentPrompt.encodeAnswer(tokenizer, StudentPrompt.answerText(example));
        if (answer.length > config.answerTokens()) {
            answer = Arrays.copyOf(answer, config.answerTokens());
        }
        int[] ids = Arrays.copyOf(prompt, prompt.length + answer.length);
        System.arraycopy(answer, 0, ids, prompt.length, answer.length);
        return new Sequence(ids, prompt.length, example.label());
    }

    static List<Sequence> of(List<ExpRxRecExample> examples, BpeTokenizer tokenizer, StudentConfig config) {
        return of(examples, tokenizer, config, CandidateScorer.NONE);
    }

    static List<Sequence> of(List<ExpRxRecExample> examples, BpeTokenizer tokenizer, StudentConfig config,
                             CandidateScorer tools) {
        return examples.stream().map(e -> of(e, tokenizer, config, tools)).toList();
    }

    /**
     * Groups sequences into batches of at most {@code batchTokens} padded tokens (and at most {@code maxRows}),
     * sorted by length; shuffled batch order when {@code random} is given.
     */
    static List<Batch> batches(List<Sequence> sequences, int batchTokens, int maxRows, Random random) {
        List<Sequence> sorted = new ArrayList<>(sequences);
        if (random != null) {
            java.util.Collections.shuffle(sorted, random); // ties of equal length come out in a new order
        }
        sorted.sort(Comparator.comparingInt(s -> s.ids().length));
        List<Batch> out = new ArrayList<>();
        List<Sequence> current = new ArrayList<>();
        int longest = 0;
        for (Sequence s : sorted) {
            int time = s.ids().length - 1;
            int grown = Math.max(longest, time);
            if (!current.isEmpty() && (grown * (current.size() + 1) > batchTokens || current.size() >= maxRows)) {
                out.add(batch(current));
                current = new ArrayList<>();
                grown = time;
            }
            current.add(s);
            longest = grown;
        }
        if (!current.isEmpty()) {
            out.add(batch(current));
        }
        if (random != null) {
            java.util.Collections.shuffle(out, random);
        }
        return out;
    }

    static Batch batch(List<Sequence> rows) {
        int time = rows.stream().mapToInt(s -> s.ids().length - 1).max().orElse(1);
        long[] inputs = new long[rows.size() * time];
        Arrays.fill(inputs, SpecialTokens.PAD_ID);
        List<long[]> picks = new ArrayList<>();
        int[] firstAnswerRow = new int[rows.size()];
        int[] labels = new int[rows.size()];
        int tokens = 0;
        for (int r = 0; r < rows.size(); r++) {
            Sequence s = rows.get(r);
            for (int t = 0; t < s.ids().length - 1; t++) {
                inputs[r * time + t] = s.ids()[t];
            }
            tokens += s.ids().length - 1;
            labels[r] = s.label();
            // Position t predicts token t+1: answer tokens are predicted from answerStart-1 on.
            for (int t = s.answerStart() - 1; t < s.ids().length - 1; t++) {
                if (t == s.answerStart() - 1) {
                    firstAnswerRow[r] = picks.size();
                }
                picks.add(new long[] {(long) r * time + t, s.ids()[t + 1]});
            }
        }
        long[] positions = new long[picks.size()];
        long[] targets = new long[picks.size()];
        for (int i = 0; i < picks.size(); i++) {
            positions[i] = picks.get(i)[0];
            targets[i] = picks.get(i)[1];
        }
        return new Batch(inputs, rows.size(), time, positions, targets, firstAnswerRow, labels, tokens);
    }
}
