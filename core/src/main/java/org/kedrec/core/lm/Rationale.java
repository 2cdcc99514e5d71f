package org.kedrec.core.lm;

/**
 * A generated answer.
 *
 * @param textWithSlots the answer as the model wrote it: {@code [C1]. [C1] binds CACNA1C … [E1] …}
 * @param text the same with names and ids filled in: {@code Amlodipine. Amlodipine binds CACNA1C … [E1] …}
 * @param candidate index of the candidate the answer selects (its first slot), or -1 if it names none
 * @param tokens tokens generated (without the end token)
 * @param millis wall time of the call
 * @param finished true when the model ended the answer itself, false when {@code maxNewTokens} cut it
 */
public record Rationale(String textWithSlots, String text, int candidate, int tokens, double millis,
                        boolean finished) {}
