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
    DRUG("Drug", "Compound", "DrugBank", "C"),
    DISEASE("Disease", "Disease", "DOID", "D"),
    GENE("Gene", "Gene", "NCBIGene", "G"),
    PATHWAY("Pathway", "Pathway", "Pathway", "PW"),
    BIOLOGICAL_PROCESS("BiologicalProcess", "Biological Process", "GO", "BP"),
    MOLECULAR_FUNCTION("MolecularFunction", "Molecular Function", "GO", "MF"),
    CELLULAR_COMPONENT("CellularComponent", "Cellular Component", "GO", "CC"),
    ANATOMY("Anatomy", "Anatomy", "UBERON", "A"),
    SIDE_EFFECT("SideEffect", "Side Effect", "UMLS", "SE"),
    SYMPTOM("Symptom", "Symptom", "MESH", "S"),
    PHARMACOLOGIC_CLASS("PharmacologicClass", "Pharmacologic Class", "NDFRT", "PC"),
    TRIAL("Trial", "Clinical Trial", "NCT", null),
    PUBLICATION("Publication", "Publication", "PMID", null);

    private final String label;
    private final String hetionetKind;
    private final String curiePrefix;
    private final String abbreviation;

    EntityKind(String label, String hetionetKind, String curiePrefix, String abbreviation) {
        this.label = label;
        this.hetionetKind = hetionetKind;
        this.curiePrefix = curiePrefix;
        this.abbreviation = abbreviation;
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

    /**
     * Hetionet's letter for the kind in metapath abbreviations ({@code C} in {@code CbGaD}); empty for trials and
     * publications, which no Hetionet metapath passes through.
     */
    public Optional<String> abbreviation() {
        return Optional.ofNullable(abbreviation);
    }

    /** The kind with this Hetionet metapath letter ({@code PC} gives {@link #PHARMACOLOGIC_CLASS}). */
    public static Optional<EntityKind> fromAbbreviation(String abbreviation) {
        return Arrays.stream(values()).filter(k -> abbreviation.equals(k.abbreviation)).findFirst();
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
