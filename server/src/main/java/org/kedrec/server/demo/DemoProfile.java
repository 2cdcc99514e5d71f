package org.kedrec.server.demo;

import java.util.List;
import java.util.Locale;
import org.kedrec.core.Messages;

/**
 * How much training the demo does: the arguments it passes to {@code kedrec train kge} and
 * {@code kedrec train student} (after {@code --model}, {@code --dataset} and the connection).
 *
 * <p>The ranker is the same in every profile: {@code train kge}'s default, the metapath/evidence feature model
 * without an embedding (seconds of fitting; the embedding measured no gain, docs/ranker.md). The quick profile names
 * {@code --palliates-feature} (the command's default) so that a demo home whose ranker was trained before that
 * feature retrains it; a retrained ranker retrains a student that reads it ({@code --ranker-tool}).
 *
 * <ul>
 *   <li>{@code quick}: the default ranker and a {@code small} student with a
 *       higher learning rate, prompts cut to 384 tokens, 10 epochs of half-size batches (twice the steps), the
 *       swapped-candidate and the zero-shot views, and the ranker's verdict as a prompt line (the ranker is trained
 *       first, into the same model folder): minutes on two cores (docs/demo.md, docs/student.md). The zero-shot
 *       view took held-out diseases from 0.462 to 0.667 and test pairs from 0.831 to 0.892 for the same CPU time
 *       (docs/student.md, third round); 10 epochs instead of 8 took test pairs to 0.923 (target 0.90) for 63 s more
 *       training on two quiet cores, with a patience as long as the schedule, because validation sits on a plateau
 *       for the first five epochs (docs/student.md, fourth round). One PyTorch thread per core ({@code --threads 0}):
 *       the demo always trained so, because its {@code train kge} starts the engine before {@code train student}
 *       could set its default of one thread (which now holds in any JVM); the ten epochs took 180 s in the demo and
 *       205.6 s as {@code train student} on two quiet cores, where one thread took 292 s (docs/student.md, fifth
 *       round). Not {@code --line-views}: with them the student reads the ranker's line
 *       (held-out diseases 0.742 instead of 0.613 where it learnt), but it learnt the selection within ten epochs in
 *       two of four seeds, where this recipe did in three of three (docs/student.md, sixth round).
 *       {@code --ranker-fusion} (the command's default, named so that a demo home trained before it retrains): the
 *       ranker's log-odds join the student's likelihoods in the selection at a weight fitted on the validation pairs,
 *       test pairs 0.892 / 0.931 / 0.892 to 0.915 / 0.931 / 0.908 at seeds 42 / 7 / 1 (docs/student.md, eighth
 *       round). {@code --unseen-disease-vote} (the command's default, named so that a demo home trained before it
 *       retrains): on a disease the student never trained on, the ranker weighs most (docs/student.md, tenth round).
 *   <li>{@code full}: the documented defaults of both commands (docs/ranker.md, docs/student.md).
 *   <li>{@code test}: for tests only (not shown in the help): tiny models, seconds, on a small graph.
 * </ul>
 */
public enum DemoProfile {
    QUICK(List.of("--palliates-feature"),
            List.of("--preset", "small", "--lr", "2e-3", "--max-seq-len", "384", "--epochs", "10", "--patience", "10",
                    "--batch-tokens", "3072", "--ranker-tool", "--ranker-fusion", "--unseen-disease-vote", "--threads",
                    "0")),
    FULL(List.of(), List.of()),
    TEST(List.of(),
            List.of("--preset", "tiny", "--lr", "4e-3", "--epochs", "4", "--patience", "4", "--no-swap-candidates",
                    "--no-zero-shot-views", "--vocab-size", "512", "--max-seq-len", "384"));

    /** The values users see; {@code test} is accepted but not advertised. */
    public static final List<String> DOCUMENTED = List.of("quick", "full");

    private final List<String> kgeArguments;
    private final List<String> studentArguments;

    DemoProfile(List<String> kgeArguments, List<String> studentArguments) {
        this.kgeArguments = kgeArguments;
        this.studentArguments = studentArguments;
    }

    /** Arguments of {@code kedrec train kge} that this profile sets. */
    public List<String> kgeArguments() {
        return kgeArguments;
    }

    /** Arguments of {@code kedrec train student} that this profile sets. */
    public List<String> studentArguments() {
        return studentArguments;
    }

    /** The name as typed on the command line and stored in the model's stamp. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code quick}, {@code full} (or {@code test}); the error names the valid values. */
    public static DemoProfile parse(String value) {
        for (DemoProfile profile : values()) {
            if (profile.label().equals(value)) {
                return profile;
            }
        }
        throw new IllegalArgumentException(Messages.format(
                "Invalid value for option '--profile': `%s`. Valid values are: %s.", value, DOCUMENTED));
    }
}
