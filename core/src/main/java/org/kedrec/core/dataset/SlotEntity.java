package org.kedrec.core.dataset;

/**
 * An entity an example refers to through a slot: the disease {@code [D]}, a candidate {@code [C1]}, or (with a null
 * slot) an intermediate node named inside an evidence item. Slots let the student point at candidates instead of
 * recalling names; names and ids are filled in after decoding.
 *
 * @param slot {@code [D]}, {@code [C1]}, {@code [C2]} … or null for an intermediate node
 * @param id the node's CURIE, e.g. {@code DrugBank:DB00381}
 * @param name the node's name, e.g. {@code Amlodipine}
 */
public record SlotEntity(String slot, String id, String name) {
    public static final String DISEASE_SLOT = "[D]";

    /** The slot of the candidate at {@code index} (0-based): {@code [C1]} for 0. */
    public static String candidateSlot(int index) {
        return "[C" + (index + 1) + "]";
    }
}
