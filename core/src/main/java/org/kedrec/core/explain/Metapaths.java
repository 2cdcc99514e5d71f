package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * The metapaths that explanation paths follow: every drug-to-disease metapath of length 2 or 3 over the KEDRec
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

    private Metapaths() {}

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

    /** The metapath with this abbreviation in {@link #DEFAULT} or {@link #PATHWAY}. */
    public static Metapath byAbbreviation(String abbreviation) {
        for (Metapath metapath : DEFAULT) {
            if (metapath.abbreviation().equals(abbreviation)) {
                return metapath;
            }
        }
        if (PATHWAY.abbreviation().equals(abbreviation)) {
            return PATHWAY;
        }
        throw new IllegalArgumentException(org.kedrec.core.Messages.format(
                "Unknown metapath `%s`. Known metapaths: %s.",
                abbreviation, DEFAULT.stream().map(Metapath::abbreviation).toList()));
    }
}
