package org.kedrec.core.split;

import java.util.Locale;
import org.kedrec.core.text.EnumLabels;

/** Where a known (drug, disease) TREATS pair belongs. */
public enum PairSplit {
    /** Seen in training: its edge is in the training graph and it may be a positive example. */
    TRAIN,
    /** Carved from train for early stopping and model selection; its edge stays out of the training graph. */
    VALIDATION,
    /** Held out (the published CtD split); evaluated, never trained on. */
    TEST,
    /** A TREATS pair of a zero-shot disease: every TREATS edge of that disease is held out. */
    ZEROSHOT;

    public String label() {
        return EnumLabels.lowerCase(this);
    }

    /** True for splits whose edges must never reach a training graph or a training example's evidence. */
    public boolean heldOut() {
        return this != TRAIN;
    }

    public static PairSplit fromLabel(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ENGLISH));
    }
}
