package org.kedrec.core.dataset;

import java.util.List;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.evidence.PublicationRecord;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.PathScorer;

/** Hand-made evidence about hypertension (names and ids from Hetionet; degrees illustrative). */
public final class ExampleFixtures {
    public static final String HYPERTENSION = "DOID:10763";
    public static final String AMLODIPINE = "DrugBank:DB00381";
    public static final String WARFARIN = "DrugBank:DB00682";
    public static final String NIFEDIPINE = "DrugBank:DB01115";

    private ExampleFixtures() {}

    public static GraphPath cbgad(String drug, String geneId, String gene, long geneDegree) {
        List<Long> degrees = List.of(8L, geneDegree, 6L, 120L);
        return new GraphPath("CbGaD", List.of(drug, geneId, HYPERTENSION), List.of("drug", gene, "hypertension"),
                List.of("Drug", "Gene", "Disease"), List.of("BINDS", "ASSOCIATES"), List.of(true, false), degrees,
                PathScorer.pathDegreeProduct(degrees));
    }

    public static GraphPath crctd(String drug, String otherId, String other, boolean forward) {
        List<Long> degrees = List.of(12L, 10L, 4L, 30L);
        return new GraphPath("CrCtD", List.of(drug, otherId, HYPERTENSION), List.of("drug", other, "hypertension"),
                List.of("Drug", "Drug", "Disease"), List.of("RESEMBLES", "TREATS"), List.of(forward, true), degrees,
                PathScorer.pathDegreeProduct(degrees));
    }

    public static TrialRecord trial(String nct, String phase, String status, String outcome) {
        return new TrialRecord("NCT:" + nct, "A trial", phase, status, outcome, null);
    }

    public static CandidateEvidence amlodipine() {
        return new CandidateEvidence(AMLODIPINE, "Amlodipine",
                List.of(cbgad(AMLODIPINE, "NCBIGene:775", "CACNA1C", 15), crctd(AMLODIPINE, NIFEDIPINE, "Nifedipine",
                        false)),
                List.of(trial("NCT00000102", "phase 3", "completed", "success"),
                        trial("NCT00000101", "phase 2", "terminated", null)),
                List.of(new PublicationRecord("PMID:12345678", "Amlodipine lowers blood pressure in hypertension",
                        3.5)));
    }

    public static CandidateEvidence warfarin() {
        return new CandidateEvidence(WARFARIN, "Warfarin",
                List.of(cbgad(WARFARIN, "NCBIGene:1559", "CYP2C9", 140)), List.of(), List.of());
    }

    /** Warfarin first, so the relevant Amlodipine is [C2]. */
    public static ExpRxRecExample example(Variant variant) {
        return ExampleAssembler.assemble(HYPERTENSION + "|" + AMLODIPINE + "|" + variant.label(), HYPERTENSION,
                "hypertension", List.of(warfarin(), amlodipine()), 1, variant, "train", "structural");
    }
}
