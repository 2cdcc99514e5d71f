package org.kedrec.core.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.kedrec.core.dataset.PromptFormat;

/**
 * Greedy and beam search over an {@link LmSession}, with the {@link AnswerConstraint} consulted lazily: the best
 * token is proposed first and only rejected ones are masked, so a model that already writes faithful text pays
 * almost nothing for the constraint.
 */
final class Decoder {
    /** A finished or cut-off answer. */
    record Output(int[] tokens, boolean finished) {}

    private final BpeTokenizer tokenizer;
    private final int eos;
    private final boolean[] blocked;

    Decoder(CausalLm lm) {
        this.tokenizer = lm.tokenizer();
        this.eos = lm.eosId();
        this.blocked = new boolean[tokenizer.vocabSize()];
        for (int id : lm.blockedIds()) {
            blocked[id] = true;
        }
    }

    /** Backtracking steps a greedy search may take out of dead ends before it gives up. */
    static final int MAX_BACKTRACKS = 64;

    /**
     * The most proposals checked against the constraint for one position (beyond the beam's width). A position
     * none of whose best proposals is allowed counts as a dead end: checking all 2,048 tokens of the vocabulary
     * there cost ~0.5 s per dead end and made the slowest rationales take seconds, while a trained model's allowed
     * continuation, when there is one, is almost always among its best few dozen. The answer's first token (the
     * choice, which {@code candidate} may force) is exempt.
     */
    static final int MAX_PROPOSALS = 48;

    /**
     * Greedy search. When the constraint leaves no token at some point (a word that can only grow into a name the
     * example lacks, say), it backs out: drops the last token, bans it at that position and takes the next best.
     */
    Output greedy(LmSession session, int[] prompt, AnswerConstraint constraint, int maxNew) {
        return greedy(session, prompt, constraint, maxNew, Repetition.NONE);
    }

    /**
     * Repetition rules: no token that would repeat an n-gram of {@code ngram} tokens already in the answer (0 =
     * off), with {@code uniqueCitations} no evidence slot ({@code [E3]}) cited twice, and no run of up to
     * {@code tandem} words, slots or marks directly followed by itself (0 = off).
     */
    record Repetition(int ngram, boolean uniqueCitations, int tandem) {
        static final Repetition NONE = new Repetition(0, false, 0);

        /** Whether appending {@code token} to {@code history[0..length)} would repeat an n-gram. */
        boolean repeatsNgram(int[] history, int length, int token) {
            int n = ngram;
            if (n < 2 || length < n) {
                return false;
            }
            // The candidate n-gram is history[length-n+1 .. length) + token; look for it earlier.
            int tail = length - n + 1;
            for (int start = 0; start + n <= length; start++) {
                if (history[start + n - 1] != token) {
                    continue;
                }
                boolean same = true;
                for (int k = 0; k < n - 1 && same; k++) {
                    same = history[start + k] == history[tail + k];
                }
                if (same) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final java.util.regex.Pattern UNIT =
            java.util.regex.Pattern.compile("\\[[A-Z]\\d*\\]|\\[[A-Z]?\\d*$|[\\p{L}\\p{N}_:'+-]+|[^\\s]");

    /**
     * Whether the finished words, slots and marks of {@code text} contain a run of 1 to {@code longest} of them
     * directly followed by the same run ({@code class class}, {@code with X with X}). A word still being written (at
     * the very end) does not count yet.
     */
    static boolean hasTandemRepeat(String text, int longest) {
        if (longest < 1) {
            return false;
        }
        List<String> units = new ArrayList<>();
        java.util.regex.Matcher m = UNIT.matcher(text);
        while (m.find()) {
            if (m.end() == text.length() && (m.group().startsWith("[") && !m.group().endsWith("]")
                    || org.kedrec.core.metrics.Mentions.isWordChar(text.codePointBefore(text.length())))) {
                break; // unfinished
            }
            units.add(m.group());
        }
        for (int end = 1; end <= units.size(); end++) {
            for (int k = 1; k <= longest && 2 * k <= end; k++) {
                if (units.subList(end - k, end).equals(units.subList(end - 2 * k, end - k))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code text} cites some evidence slot twice. */
    static boolean citesTwice(String text) {
        List<String> slots = PromptFormat.evidenceSlotsIn(text);
        return new java.util.HashSet<>(slots).size() < slots.size();
    }

    Output greedy(LmSession session, int[] prompt, AnswerConstraint constraint, int maxNew, Repetition rules) {
        List<float[]> logitsAt = new ArrayList<>();
        List<java.util.Set<Integer>> bannedAt = new ArrayList<>();
        logitsAt.add(session.append(new int[][] {prompt})[0]);
        bannedAt.add(new java.util.HashSet<>());
        int[] tokens = new int[maxNew];
        List<byte[]> bytesAt = new ArrayList<>();
        bytesAt.add(new byte[0]);
        int backtracks = 0;
        int n = 0;
        while (n < maxNew) {
            int next = first(best(logitsAt.get(n), bannedAt.get(n), bytesAt.get(n), tokens, n, constraint, rules, 1,
                    false));
            // Backing out never undoes the choice (the opening [Ck]): a dead end in the rationale must not change
            // the selected candidate. Where it may not back out any more, every token of the vocabulary is tried.
            boolean mayBackOut = n > 0 && backtracks < MAX_BACKTRACKS
                    && !(choiceMade(bytesAt.get(n)) && !choiceMade(bytesAt.get(n - 1)));
            // Under the claim grammar every accepted prefix can be finished: search the vocabulary, never back out.
            if (next < 0 && (!mayBackOut || constraint.followsGrammar())) {
                next = first(best(logitsAt.get(n), bannedAt.get(n), bytesAt.get(n), tokens, n, constraint, rules, 1,
                        true));
            }
            if (next < 0) {
                if (!mayBackOut || constraint.followsGrammar()) {
                    return new Output(Arrays.copyOf(tokens, n), false);
                }
                backtracks++;
                logitsAt.remove(n);
                bannedAt.remove(n);
                bytesAt.remove(n);
                n--;
                bannedAt.get(n).add(tokens[n]);
                session.truncate(prompt.length + n);
                continue;
            }
            if (next == eos) {
                return new Output(Arrays.copyOf(tokens, n), true);
            }
            tokens[n] = next;
            n++;
            bytesAt.add(AnswerConstraint.concat(bytesAt.get(n - 1), tokenizer.tokenBytes(next)));
            // What the grammar forces next goes in with this token in one model call: the model has nothing to
            // choose there, and one call over a dozen tokens costs about what one call over one token does.
            int[] forced = constraint.followsGrammar() ? forcedTokens(constraint.forced(bytesAt.get(n)), maxNew - n)
                    : new int[0];
            for (int id : forced) {
                bannedAt.add(new java.util.HashSet<>());
                logitsAt.add(null); // never read: under the grammar the search does not back out
                tokens[n] = id;
                n++;
                bytesAt.add(AnswerConstraint.concat(bytesAt.get(n - 1), tokenizer.tokenBytes(id)));
            }
            int[] step = new int[forced.length + 1];
            step[0] = next;
            System.arraycopy(forced, 0, step, 1, forced.length);
            bannedAt.add(new java.util.HashSet<>());
            logitsAt.add(n < maxNew ? session.append(new int[][] {step})[0] : null);
        }
        return new Output(tokens, false);
    }

    /**
     * The tokens of the forced text up to its last space (a word or slot cut in the middle could tokenize unlike
     * the teacher's text the model learnt), or none when that is empty, does not fit in {@code room} with one token
     * to spare, or does not spell exactly those bytes.
     */
    int[] forcedTokens(byte[] forced, int room) {
        int cut = forced.length - 1;
        while (cut > 0 && forced[cut] != ' ') {
            cut--;
        }
        if (cut <= 0) {
            return new int[0];
        }
        int[] ids = tokenizer.encode(new String(forced, 0, cut, java.nio.charset.StandardCharsets.UTF_8));
        if (ids.length == 0 || ids.length >= room) {
            return new int[0];
        }
        byte[] spelled = new byte[0];
        for (int id : ids) {
            if (blocked[id] || id == eos) {
                return new int[0];
            }
            spelled = AnswerConstraint.concat(spelled, tokenizer.tokenBytes(id));
        }
        return Arrays.equals(spelled, Arrays.copyOf(forced, cut)) ? ids : new int[0];
    }

    private record Hypothesis(int[] tokens, byte[] bytes, double logProb) {}

    Output beam(LmSession session, int[] prompt, AnswerConstraint constraint, int maxNew, int width,
                double lengthPenalty) {
        return beam(session, prompt, constraint, maxNew, width, lengthPenalty, Repetition.NONE);
    }

    Output beam(LmSession session, int[] prompt, AnswerConstraint constraint, int maxNew, int width,
                double lengthPenalty, Repetition rules) {
        float[][] logits = session.append(new int[][] {prompt});
        List<Hypothesis> beams = List.of(new Hypothesis(new int[0], new byte[0], 0));
        List<Hypothesis> finished = new ArrayList<>();
        for (int n = 0; n < maxNew && !beams.isEmpty(); n++) {
            List<double[]> proposals = new ArrayList<>(); // {beam, token, logProb}
            // The best proposals of each hypothesis first; every token only where none of them is allowed anywhere.
            for (boolean everyToken : new boolean[] {false, true}) {
                for (int b = 0; b < beams.size(); b++) {
                    double[] logProbs = logSoftmax(logits[b]);
                    Hypothesis h = beams.get(b);
                    for (int[] pick : best(logits[b], java.util.Set.of(), h.bytes, h.tokens, h.tokens.length,
                            constraint, rules, width, everyToken)) {
                        proposals.add(new double[] {b, pick[0], beams.get(b).logProb + logProbs[pick[0]]});
                    }
                }
                if (!proposals.isEmpty()) {
                    break;
                }
            }
            proposals.sort(Comparator.comparingDouble((double[] p) -> -p[2]));
            List<Hypothesis> next = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            for (double[] p : proposals) {
                Hypothesis parent = beams.get((int) p[0]);
                int token = (int) p[1];
                if (token == eos) {
                    finished.add(new Hypothesis(parent.tokens, parent.bytes, p[2]));
                } else if (next.size() < width) {
                    int[] tokens = Arrays.copyOf(parent.tokens, parent.tokens.length + 1);
                    tokens[parent.tokens.length] = token;
                    next.add(new Hypothesis(tokens, AnswerConstraint.concat(parent.bytes,
                            tokenizer.tokenBytes(token)), p[2]));
                    parents.add((int) p[0]);
                }
            }
            if (finished.size() >= width || next.isEmpty()) {
                beams = next;
                break;
            }
            // Stop once no live hypothesis can beat the best finished one (log-probabilities only fall).
            if (!finished.isEmpty() && lengthPenalty == 0) {
                double bestFinished = finished.stream().mapToDouble(Hypothesis::logProb).max().orElseThrow();
                if (next.get(0).logProb < bestFinished) {
                    beams = List.of();
                    break;
                }
            }
            beams = next;
            if (n + 1 < maxNew) {
                session.keepRows(parents.stream().mapToInt(Integer::intValue).toArray());
                int[][] step = new int[beams.size()][];
                for (int b = 0; b < beams.size(); b++) {
                    step[b] = new int[] {beams.get(b).tokens[beams.get(b).tokens.length - 1]};
                }
                logits = session.append(step);
            }
        }
        boolean done = !finished.isEmpty();
        List<Hypothesis> pool = done ? finished : beams;
        Hypothesis best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Hypothesis h : pool) {
            double score = h.logProb / Math.pow(Math.max(1, h.tokens.length + (done ? 1 : 0)), lengthPenalty);
            if (score > bestScore) {
                bestScore = score;
                best = h;
            }
        }
        return best == null ? new Output(new int[0], false) : new Output(best.tokens, done);
    }

    /**
     * Up to {@code k} allowed next tokens, best first, as {id}. The end token is allowed once the answer may end;
     * blocked tokens never are.
     */
    private static final java.util.regex.Pattern CHOICE = java.util.regex.Pattern.compile("^\\s*\\[C\\d+\\]");

    /** Whether an answer's bytes already open with a complete candidate slot. */
    static boolean choiceMade(byte[] bytes) {
        return CHOICE.matcher(new String(bytes, 0, AnswerConstraint.completeLength(bytes),
                java.nio.charset.StandardCharsets.UTF_8)).find();
    }

    private static int first(List<int[]> picks) {
        return picks.isEmpty() ? -1 : picks.get(0)[0];
    }

    private List<int[]> best(float[] logits, java.util.Set<Integer> banned, byte[] bytes, int[] history,
                             int position, AnswerConstraint constraint, Repetition rules, int k, boolean everyToken) {
        float[] work = logits.clone();
        for (int id : banned) {
            work[id] = Float.NEGATIVE_INFINITY;
        }
        List<int[]> out = new ArrayList<>();
        // The opening (the choice) may be forced to a candidate the model ranks low: check every token there.
        int limit = position == 0 || everyToken ? work.length : Math.min(work.length, MAX_PROPOSALS + k);
        for (int tries = 0; tries < limit && out.size() < k; tries++) {
            int arg = 0;
            for (int i = 1; i < work.length; i++) {
                if (work[i] > work[arg]) {
                    arg = i;
                }
            }
            if (work[arg] == Float.NEGATIVE_INFINITY) {
                break;
            }
            work[arg] = Float.NEGATIVE_INFINITY;
            if (blocked[arg]) {
                continue;
            }
            boolean ok;
            if (arg == eos) {
                // Ending finishes the last word: it must not complete a repeat either.
                ok = position > 0 && constraint.acceptsEnd(bytes) && (rules.tandem() < 1 || !hasTandemRepeat(
                        new String(bytes, java.nio.charset.StandardCharsets.UTF_8) + " ", rules.tandem()));
            } else if (rules.repeatsNgram(history, position, arg)) {
                ok = false;
            } else {
                byte[] token = tokenizer.tokenBytes(arg);
                byte[] text = AnswerConstraint.concat(bytes, token);
                ok = constraint.acceptsPrefix(text) && repetitionFree(text, token, rules);
            }
            if (ok) {
                out.add(new int[] {arg});
            }
        }
        return out;
    }

    private static boolean repetitionFree(byte[] text, byte[] token, Repetition rules) {
        boolean citation = rules.uniqueCitations() && closesBracket(token);
        if (!citation && rules.tandem() < 1) {
            return true;
        }
        String decoded = new String(text, 0, AnswerConstraint.completeLength(text),
                java.nio.charset.StandardCharsets.UTF_8);
        return !(citation && citesTwice(decoded)) && !hasTandemRepeat(decoded, rules.tandem());
    }

    private static boolean closesBracket(byte[] token) {
        for (byte b : token) {
            if (b == ']') {
                return true;
            }
        }
        return false;
    }

    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - log;
        }
        return out;
    }
}
