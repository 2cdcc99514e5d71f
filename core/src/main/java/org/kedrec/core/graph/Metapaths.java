package org.kedrec.core.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one catalogue of metapaths: which ones explain a recommendation ({@link #DEFAULT}, {@link #PATHWAY}) and
 * which ones the ranker scores with ({@link #SCORING} over the knowledge graph, {@link #EVIDENCE_SCORING} over the
 * trial and classification relations the trainer adds). A metapath in both lists is the same object, so its name,
 * notation and join hint are written once.
 *
 * <p>The explaining metapaths follow every drug-to-disease metapath of length 2 or 3 over the KEDRec
 * schema that reads as a reason (after Project Rephetio's feature set, Himmelstein et al. 2017), grouped by what
 * they pass through:
 *
 * <ul>
 *   <li>genes: the drug binds or regulates a gene the disease is associated with or regulates ({@code CbGaD},
 *       the expression-reversal {@code CuGdD}/{@code CdGuD}, …), one gene further through an interaction,
 *       covariation or regulation ({@code CbGiGaD}), or through a similar drug ({@code CrCbGaD});
 *   <li>anatomy: the drug binds a gene expressed in an anatomy the disease localises to ({@code CbGeAlD});
 *   <li>similar drugs: the drug resembles, shares a target, a pharmacologic class or a side effect with a drug
 *       that treats (or palliates) the disease ({@code CrCtD}, {@code CbGbCtD}, {@code CiPCiCtD}, {@code CcSEcCtD});
 *   <li>similar diseases: the drug treats a disease that resembles the disease, shares a gene, an anatomy or a
 *       symptom with it ({@code CtDrD}, {@code CtDaGaD}, {@code CtDlAlD}, {@code CtDpSpD}), or binds a gene of a
 *       resembling disease ({@code CbGaDrD}).
 * </ul>
 *
 * Pathways and GO terms only connect genes, so they first appear at length 4 ({@code CbGpPWpGaD}); that metapath
 * is offered as {@link #PATHWAY} but is not in {@link #DEFAULT}: on the demo graph it costs about seven times as
 * much as all the others together (pathways have hundreds of genes), measured in docs/dataset.md.
 */
public final class Metapaths {
    private static final List<String> GENE_FROM_DRUG = List.of("BINDS", "UPREGULATES", "DOWNREGULATES");
    private static final List<String> GENE_FROM_DISEASE = List.of("ASSOCIATES", "UPREGULATES", "DOWNREGULATES");

    /** The default catalogue, in a fixed order (the order only breaks ties between equal scores). */
    public static final List<Metapath> DEFAULT = build();

    /** The pathway metapath (length 4): opt-in only. */
    public static final Metapath PATHWAY =
            Metapath.parse("Drug-BINDS->Gene-PARTICIPATES->Pathway<-PARTICIPATES-Gene<-ASSOCIATES-Disease").withJoin(2);

    /**
     * The knowledge-graph metapaths the ranker computes DWPC features over (Project Rephetio's strongest kinds that
     * the demo graph has edges for). Their abbreviations name the features stored in saved models, so neither the
     * order nor a name may change.
     */
    public static final List<Metapath> SCORING = scoring(
            "Drug-TREATS->Disease-RESEMBLES-Disease",
            "Drug-RESEMBLES-Drug-TREATS->Disease",
            "Drug-BINDS->Gene<-ASSOCIATES-Disease",
            "Drug-BINDS->Gene<-UPREGULATES-Disease",
            "Drug-BINDS->Gene<-DOWNREGULATES-Disease",
            "Drug-UPREGULATES->Gene<-DOWNREGULATES-Disease",
            "Drug-DOWNREGULATES->Gene<-UPREGULATES-Disease",
            "Drug-UPREGULATES->Gene<-ASSOCIATES-Disease",
            "Drug-DOWNREGULATES->Gene<-ASSOCIATES-Disease",
            "Drug-PALLIATES->Disease-RESEMBLES-Disease",
            "Drug<-INCLUDES-PharmacologicClass-INCLUDES->Drug-TREATS->Disease",
            "Drug-BINDS->Gene<-BINDS-Drug-TREATS->Disease",
            "Drug-CAUSES->SideEffect<-CAUSES-Drug-TREATS->Disease",
            "Drug-UPREGULATES->Gene<-UPREGULATES-Drug-TREATS->Disease",
            "Drug-DOWNREGULATES->Gene<-DOWNREGULATES-Drug-TREATS->Disease",
            "Drug-RESEMBLES-Drug-RESEMBLES-Drug-TREATS->Disease",
            "Drug-PALLIATES->Disease<-PALLIATES-Drug-TREATS->Disease",
            "Drug-TREATS->Disease-LOCALIZES->Anatomy<-LOCALIZES-Disease",
            "Drug-TREATS->Disease-PRESENTS->Symptom<-PRESENTS-Disease",
            "Drug-TREATS->Disease-ASSOCIATES->Gene<-ASSOCIATES-Disease",
            "Drug-TREATS->Disease-RESEMBLES-Disease-RESEMBLES-Disease",
            "Drug-RESEMBLES-Drug-TREATS->Disease-RESEMBLES-Disease",
            "Drug-BINDS->Gene-INTERACTS-Gene<-ASSOCIATES-Disease",
            "Drug-BINDS->Gene<-EXPRESSES-Anatomy<-LOCALIZES-Disease",
            "Drug-BINDS->Gene-PARTICIPATES->Pathway<-PARTICIPATES-Gene<-ASSOCIATES-Disease");

    /**
     * The metapaths the ranker's evidence features add: over the trainer's side relations ({@code IN_TRIAL_FOR}
     * from trials, {@code IN_ATC} and {@code IN_CATEGORY} from DrugBank), whose labels have no Hetionet letter, so
     * the names (stored in saved models) are given.
     */
    public static final List<Metapath> EVIDENCE_SCORING = named("""
            CtrD        Drug-IN_TRIAL_FOR->Disease
            CrCtrD      Drug-RESEMBLES-Drug-IN_TRIAL_FOR->Disease
            CtrDrD      Drug-IN_TRIAL_FOR->Disease-RESEMBLES-Disease
            CbGbCtrD    Drug-BINDS->Gene<-BINDS-Drug-IN_TRIAL_FOR->Disease
            CiPCiCtrD   Drug<-INCLUDES-PharmacologicClass-INCLUDES->Drug-IN_TRIAL_FOR->Disease
            CtrDtCtD    Drug-IN_TRIAL_FOR->Disease<-TREATS-Drug-TREATS->Disease
            CtrDtrCtD   Drug-IN_TRIAL_FOR->Disease<-IN_TRIAL_FOR-Drug-TREATS->Disease
            CtrDtrCtrD  Drug-IN_TRIAL_FOR->Disease<-IN_TRIAL_FOR-Drug-IN_TRIAL_FOR->Disease
            Ca4CtD      Drug-IN_ATC->AtcLevel4<-IN_ATC-Drug-TREATS->Disease
            Ca3CtD      Drug-IN_ATC->AtcLevel3<-IN_ATC-Drug-TREATS->Disease
            Ca4CtrD     Drug-IN_ATC->AtcLevel4<-IN_ATC-Drug-IN_TRIAL_FOR->Disease
            Ca3CtrD     Drug-IN_ATC->AtcLevel3<-IN_ATC-Drug-IN_TRIAL_FOR->Disease
            CcCtD       Drug-IN_CATEGORY->DrugCategory<-IN_CATEGORY-Drug-TREATS->Disease
            CcCtrD      Drug-IN_CATEGORY->DrugCategory<-IN_CATEGORY-Drug-IN_TRIAL_FOR->Disease
            """);

    private Metapaths() {}

    /** Metapaths from a table of lines {@code NAME NOTATION}. */
    private static List<Metapath> named(String table) {
        return table.lines().map(String::strip).filter(line -> !line.isEmpty()).map(line -> {
            String[] columns = line.split("\\s+", 2);
            return Metapath.parse(columns[0], columns[1]);
        }).toList();
    }

    /** The scoring metapaths, reusing the explaining one where a notation is in both lists. */
    private static List<Metapath> scoring(String... notations) {
        List<Metapath> out = new ArrayList<>();
        for (String notation : notations) {
            Metapath parsed = Metapath.parse(notation);
            out.add(explaining(parsed.abbreviation()).orElse(parsed));
        }
        return List.copyOf(out);
    }

    private static Optional<Metapath> explaining(String abbreviation) {
        for (Metapath metapath : DEFAULT) {
            if (metapath.abbreviation().equals(abbreviation)) {
                return Optional.of(metapath);
            }
        }
        return PATHWAY.abbreviation().equals(abbreviation) ? Optional.of(PATHWAY) : Optional.empty();
    }

    private static List<Metapath> build() {
        List<String> notations = new ArrayList<>();
        for (String fromDrug : GENE_FROM_DRUG) {
            for (String fromDisease : GENE_FROM_DISEASE) {
                notations.add("Drug-" + fromDrug + "->Gene<-" + fromDisease + "-Disease");
            }
        }
        List<Metapath> out = new ArrayList<>(notations.stream().map(Metapath::parse).toList());
        // Join hints from PROFILE on the demo graph (755 positives, docs/dataset.md): without them the planner
        // expands from the drug through hub genes/diseases and closes the path with costly Expand(Into)s.
        out.add(Metapath.parse("Drug-RESEMBLES-Drug-TREATS->Disease"));
        out.add(Metapath.parse("Drug-RESEMBLES-Drug-PALLIATES->Disease"));
        out.add(Metapath.parse("Drug-TREATS->Disease-RESEMBLES-Disease"));
        out.add(Metapath.parse("Drug-PALLIATES->Disease-RESEMBLES-Disease"));
        out.add(Metapath.parse("Drug-BINDS->Gene<-BINDS-Drug-TREATS->Disease").withJoin(1));
        out.add(Metapath.parse("Drug<-INCLUDES-PharmacologicClass-INCLUDES->Drug-TREATS->Disease").withJoin(2));
        out.add(Metapath.parse("Drug-RESEMBLES-Drug-RESEMBLES-Drug-TREATS->Disease"));
        out.add(Metapath.parse("Drug-CAUSES->SideEffect<-CAUSES-Drug-TREATS->Disease").withJoin(1));
        out.add(Metapath.parse("Drug-RESEMBLES-Drug-BINDS->Gene<-ASSOCIATES-Disease").withJoin(1));
        out.add(Metapath.parse("Drug-BINDS->Gene-INTERACTS-Gene<-ASSOCIATES-Disease"));
        out.add(Metapath.parse("Drug-BINDS->Gene-COVARIES-Gene<-ASSOCIATES-Disease"));
        out.add(Metapath.parse("Drug-BINDS->Gene-REGULATES->Gene<-ASSOCIATES-Disease"));
        out.add(Metapath.parse("Drug-BINDS->Gene<-REGULATES-Gene<-ASSOCIATES-Disease"));
        out.add(Metapath.parse("Drug-BINDS->Gene<-EXPRESSES-Anatomy<-LOCALIZES-Disease"));
        out.add(Metapath.parse("Drug-BINDS->Gene<-ASSOCIATES-Disease-RESEMBLES-Disease"));
        out.add(Metapath.parse("Drug-TREATS->Disease-ASSOCIATES->Gene<-ASSOCIATES-Disease").withJoin(2));
        out.add(Metapath.parse("Drug-TREATS->Disease-LOCALIZES->Anatomy<-LOCALIZES-Disease").withJoin(2));
        out.add(Metapath.parse("Drug-TREATS->Disease-PRESENTS->Symptom<-PRESENTS-Disease").withJoin(2));
        return List.copyOf(out);
    }

    /** The explaining metapath with this abbreviation: one of {@link #DEFAULT} or {@link #PATHWAY}. */
    public static Metapath byAbbreviation(String abbreviation) {
        return explaining(abbreviation).orElseThrow(() -> new IllegalArgumentException(org.kedrec.core.Messages.format(
                "Unknown metapath `%s`. Known metapaths: %s.",
                abbreviation, DEFAULT.stream().map(Metapath::abbreviation).toList())));
    }

    /** Every metapath the ranker scores with: {@link #SCORING} then {@link #EVIDENCE_SCORING}. */
    public static List<Metapath> allScoring() {
        List<Metapath> all = new ArrayList<>(SCORING);
        all.addAll(EVIDENCE_SCORING);
        return List.copyOf(all);
    }
}
