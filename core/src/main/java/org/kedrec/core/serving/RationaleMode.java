package org.kedrec.core.serving;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.kedrec.core.Messages;

/** Who writes the rationale of a recommendation: the built-in evidence teacher, the student model, or nobody. */
public enum RationaleMode {
    /** {@link org.kedrec.core.rationale.EvidenceTeacher}: deterministic, grounded in the returned evidence, cheap. */
    TEACHER,
    /** The KEDRec-LM student ({@link org.kedrec.core.lm.StudentModel#generate}); needs a model with a student. */
    STUDENT,
    /** No rationale (and no evidence lookups for it). */
    NONE;

    /** The values as users write them: {@code teacher}, {@code student}, {@code none}. */
    public static final List<String> LABELS = Arrays.stream(values()).map(RationaleMode::label).toList();

    public String label() {
        return name().toLowerCase(Locale.ENGLISH);
    }

    /** Parses a label case-insensitively. */
    public static RationaleMode of(String label) {
        for (RationaleMode mode : values()) {
            if (mode.label().equalsIgnoreCase(label.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(Messages.format(
                "Invalid value for `rationale`: `%s`. Valid values are: %s.", label, LABELS));
    }
}
