package org.kedrec.core.serving;

import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.text.EnumLabels;

/** Who writes the rationale of a recommendation: the built-in evidence teacher, the student model, or nobody. */
public enum RationaleMode {
    /** {@link org.kedrec.core.rationale.EvidenceTeacher}: deterministic, grounded in the returned evidence, cheap. */
    TEACHER,
    /** The KEDRec-LM student ({@link org.kedrec.core.lm.StudentModel#generate}); needs a model with a student. */
    STUDENT,
    /** No rationale (and no evidence lookups for it). */
    NONE;

    /** The values as users write them: {@code teacher}, {@code student}, {@code none}. */
    public static final List<String> LABELS = EnumLabels.all(RationaleMode.class, RationaleMode::label);

    public String label() {
        return EnumLabels.lowerCase(this);
    }

    /** Parses a label case-insensitively. */
    public static RationaleMode of(String label) {
        return EnumLabels.findIgnoringCase(RationaleMode.class, RationaleMode::label, label.strip())
                .orElseThrow(() -> new IllegalArgumentException(Messages.format(
                        "Invalid value for `rationale`: `%s`. Valid values are: %s.", label, LABELS)));
    }
}
