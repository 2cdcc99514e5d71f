package org.kedrec.core.lm;

import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.config.ConfigReader;

/**
 * How {@link StudentModel#generate} decodes.
 *
 * @param strategy {@code greedy} or {@code beam}
 * @param beamWidth hypotheses kept by beam search (1 for greedy)
 * @param maxNewTokens longest rationale in tokens
 * @param constrained true (the default) to allow only the example's slots and its evidence's words and entities
 * @param candidate index of the candidate the rationale must argue for (0-based), or -1 to let the model choose
 * @param lengthPenalty beam scores are divided by length^lengthPenalty (0 = raw sum of log-probabilities)
 * @param noRepeatNgram a token that would repeat an n-gram of this many tokens already in the answer is never
 *     proposed (0 = off); keeps a weak model from looping ("with X with X with X")
 * @param uniqueCitations an evidence slot ({@code [E3]}) is cited at most once, as the teacher does
 * @param noTandemRepeat a run of up to this many words, slots or punctuation marks never directly follows itself
 *     ({@code class class}, {@code with X with X}); 0 = off. The teacher's answers never do it.
 */
public record GenerationOptions(String strategy, int beamWidth, int maxNewTokens, boolean constrained, int candidate,
                                double lengthPenalty, int noRepeatNgram, boolean uniqueCitations,
                                int noTandemRepeat) {
    public static final List<String> STRATEGIES = List.of("greedy", "beam");
    public static final List<String> KEYS = List.of("strategy", "beamWidth", "maxNewTokens", "constrained",
            "candidate", "lengthPenalty", "noRepeatNgram", "uniqueCitations", "noTandemRepeat");
    public static final int MAX_BEAM_WIDTH = 16;
    public static final int MAX_NEW_TOKENS = 512;
    /**
     * Default n of {@link #noRepeatNgram}, above the longest repeat in the teacher's answers: on the demo dataset
     * they repeat up to 14 student tokens ({@code binds P2RY12, a gene associated with [D]} for two paths through
     * one gene), never a whole sentence and never an evidence slot.
     */
    public static final int DEFAULT_NO_REPEAT_NGRAM = 16;
    /** Default of {@link #noTandemRepeat}. */
    public static final int DEFAULT_NO_TANDEM_REPEAT = 4;
    /** The longest run {@link #noTandemRepeat} may name. */
    public static final int MAX_TANDEM_REPEAT = 16;

    public GenerationOptions {
        if (!STRATEGIES.contains(strategy)) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid value for `strategy`: `%s`. Valid values are: %s.", strategy, STRATEGIES));
        }
        if (beamWidth < 1 || beamWidth > MAX_BEAM_WIDTH) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `beamWidth` must be between 1 and %d but was %d.", MAX_BEAM_WIDTH, beamWidth));
        }
        if (maxNewTokens < 1 || maxNewTokens > MAX_NEW_TOKENS) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `maxNewTokens` must be between 1 and %d but was %d.", MAX_NEW_TOKENS,
                    maxNewTokens));
        }
        if (candidate < -1 || candidate >= SpecialTokens.MAX_CANDIDATES) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `candidate` must be -1 (the model chooses) or a candidate index from 0 to %d but "
                            + "was %d.", SpecialTokens.MAX_CANDIDATES - 1, candidate));
        }
        if (noRepeatNgram < 0 || noRepeatNgram == 1 || noRepeatNgram > MAX_NEW_TOKENS) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `noRepeatNgram` must be 0 (off) or between 2 and %d but was %d.", MAX_NEW_TOKENS,
                    noRepeatNgram));
        }
        if (noTandemRepeat < 0 || noTandemRepeat > MAX_TANDEM_REPEAT) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `noTandemRepeat` must be between 0 (off) and %d but was %d.", MAX_TANDEM_REPEAT,
                    noTandemRepeat));
        }
    }

    /** Without the repetition rules (as before they existed). */
    public GenerationOptions(String strategy, int beamWidth, int maxNewTokens, boolean constrained, int candidate,
                             double lengthPenalty) {
        this(strategy, beamWidth, maxNewTokens, constrained, candidate, lengthPenalty, 0, false, 0);
    }

    /** Greedy, constrained, up to 128 tokens, the model chooses the candidate, repetition rules on. */
    public static GenerationOptions defaults() {
        return new GenerationOptions("greedy", 1, 128, true, -1, 1.0, DEFAULT_NO_REPEAT_NGRAM, true,
                DEFAULT_NO_TANDEM_REPEAT);
    }

    public static GenerationOptions beam(int width) {
        return new GenerationOptions("beam", width, 128, true, -1, 1.0, DEFAULT_NO_REPEAT_NGRAM, true,
                DEFAULT_NO_TANDEM_REPEAT);
    }

    public GenerationOptions withCandidate(int index) {
        return new GenerationOptions(strategy, beamWidth, maxNewTokens, constrained, index, lengthPenalty,
                noRepeatNgram, uniqueCitations, noTandemRepeat);
    }

    public GenerationOptions withConstrained(boolean value) {
        return new GenerationOptions(strategy, beamWidth, maxNewTokens, value, candidate, lengthPenalty,
                noRepeatNgram, uniqueCitations, noTandemRepeat);
    }

    /** The same options with the repetition rules set. */
    public GenerationOptions withRepetitionRules(int ngram, boolean unique, int tandem) {
        return new GenerationOptions(strategy, beamWidth, maxNewTokens, constrained, candidate, lengthPenalty, ngram,
                unique, tandem);
    }

    /** Reads options from a procedure's config map with strict keys. */
    public static GenerationOptions of(Map<String, ?> map) {
        ConfigReader reader = ConfigReader.of(map, KEYS);
        String strategy = reader.oneOf("strategy", "greedy", STRATEGIES);
        int width = reader.intValue("beamWidth", "beam".equals(strategy) ? 4 : 1);
        return new GenerationOptions(strategy, width, reader.intValue("maxNewTokens", 128),
                reader.bool("constrained", true), reader.intValue("candidate", -1),
                reader.doubleValue("lengthPenalty", 1.0),
                reader.intValue("noRepeatNgram", DEFAULT_NO_REPEAT_NGRAM), reader.bool("uniqueCitations", true),
                reader.intValue("noTandemRepeat", DEFAULT_NO_TANDEM_REPEAT));
    }
}
