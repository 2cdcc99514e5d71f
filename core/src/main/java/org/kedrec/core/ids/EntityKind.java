package org.kedrec.core.ids;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kedrec.core.Messages;

/**
 * The node labels of the KEDRec graph, with the Hetionet kind and DRKG type each one is read from and the CURIE
 * prefix its ids carry. The label is the Neo4j label; the CURIE is the node's unique {@code id}.
 */
public enum EntityKind {
    DRUG("Drug", "Compound", "DrugBank"),
    DISEASE("Disease", "Disease", "DOID"),
    GENE("Gene", "Gene", "NCBIGene"),
    PATHWAY("Pathway", "Pathway", "Pathway"),
    BIOLOGICAL_PROCESS("BiologicalProcess", "Biological Process", "GO"),
    MOLECULAR_FUNCTION("MolecularFunction", "Molecular Function", "GO"),
    CELLULAR_COMPONENT("CellularComponent", "Cellular Component", "GO"),
    ANATOMY("Anatomy", "Anatomy", "UBERON"),
    SIDE_EFFECT("SideEffect", "Side Effect", "UMLS"),
    SYMPTOM("Symptom", "Symptom", "MESH"),
    PHARMACOLOGIC_CLASS("PharmacologicClass", "Pharmacologic Class", "NDFRT"),
    TRIAL("Trial", "Clinical Trial", "NCT"),
    PUBLICATION("Publication", "Publication", "PMID");

    private final String label;
    private final String hetionetKind;
    private final String curiePrefix;

    EntityKind(String label, String hetionetKind, String curiePrefix) {
        this.label = label;
        this.hetionetKind = hetionetKind;
        this.curiePrefix = curiePrefix;
    }

    /** The Neo4j label, e.g. {@code Drug}. */
    public String label() {
        return label;
    }

    /** The kind as Hetionet writes it in node ids and the {@code kind} column, e.g. {@code Compound}. */
    public String hetionetKind() {
        return hetionetKind;
    }

    /** The CURIE prefix of ids of this kind, e.g. {@code DrugBank}. */
    public String curiePrefix() {
        return curiePrefix;
    }

    /** The labels of the knowledge-graph kinds (everything except trials and publications). */
    public static List<EntityKind> knowledgeGraphKinds() {
        return Arrays.stream(values()).filter(k -> k != TRIAL && k != PUBLICATION).toList();
    }

    public static Optional<EntityKind> fromHetionetKind(String kind) {
        return Arrays.stream(values()).filter(k -> k.hetionetKind.equals(kind)).findFirst();
    }

    public static Optional<EntityKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    /** Like {@link #fromHetionetKind} but fails with the list of valid kinds. */
    public static EntityKind requireHetionetKind(String kind) {
        return fromHetionetKind(kind).orElseThrow(() -> new IllegalArgumentException(Messages.format(
                "Unknown node kind `%s`. Valid kinds are: %s.",
                kind,
                Arrays.stream(values()).map(EntityKind::hetionetKind).toList())));
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ENGLISH);
    }
}
