package org.kedrec.plugin;

import org.neo4j.graphdb.Node;
import org.neo4j.procedure.Description;

/** One row of {@code kedrec.select}: one candidate. */
public final class SelectResult {
    @Description(Constants.CANDIDATE)
    public final Node drug;

    @Description(Constants.PROBABILITY)
    public final double probability;

    @Description(Constants.SELECTED)
    public final boolean selected;

    @Description(Constants.SELECT_RATIONALE)
    public final String rationale;

    @Description(Constants.SELECTED_BY)
    public final String selectedBy;

    public SelectResult(Node drug, double probability, boolean selected, String rationale, String selectedBy) {
        this.drug = drug;
        this.probability = probability;
        this.selected = selected;
        this.rationale = rationale;
        this.selectedBy = selectedBy;
    }
}
