package org.kedrec.core.ids;

import java.util.Locale;
import java.util.Optional;
import org.kedrec.core.Messages;

/**
 * Turns source identifiers into the CURIEs that are every node's {@code id}: Hetionet's {@code Compound::DB00997}
 * becomes {@code DrugBank:DB00997}, {@code Gene::3630} becomes {@code NCBIGene:3630}, {@code Disease::DOID:1324}
 * stays {@code DOID:1324}; DRKG's {@code Disease::MESH:D003920} becomes {@code MESH:D003920}. MeSH ids are
 * normalised so that BC5CDR's {@code D006937} and ClinicalTrials.gov's 9-digit {@code D000006937} meet.
 */
public final class Curies {
    private Curies() {}

    /** The CURIE of a Hetionet node id such as {@code Compound::DB00997}. */
    public static String fromHetionet(String hetionetId) {
        int sep = hetionetId.indexOf("::");
        if (sep < 0) {
            throw new IllegalArgumentException(Messages.format(
                    "`%s` is not a Hetionet node id: expected `Kind::identifier`, e.g. `Compound::DB00997`.",
                    hetionetId));
        }
        EntityKind kind = EntityKind.requireHetionetKind(hetionetId.substring(0, sep));
        return of(kind, hetionetId.substring(sep + 2));
    }

    /**
     * The CURIE for a bare source identifier of the given kind. Identifiers that already carry their prefix
     * ({@code DOID:1324}, {@code GO:0000002}, {@code UBERON:0000002}, {@code MESH:D003920}) keep it.
     */
    public static String of(EntityKind kind, String identifier) {
        String id = identifier.strip();
        return switch (kind) {
            case DISEASE -> id.startsWith("DOID:") ? id : id.startsWith("MESH:") ? mesh(id) : "DOID:" + id;
            case BIOLOGICAL_PROCESS, MOLECULAR_FUNCTION, CELLULAR_COMPONENT -> id.startsWith("GO:") ? id : "GO:" + id;
            case ANATOMY -> id.startsWith("UBERON:") ? id : "UBERON:" + id;
            case SYMPTOM -> mesh(id);
            case PATHWAY -> id.startsWith("WP") ? "WikiPathways:" + id : "PathwayCommons:" + id;
            case TRIAL -> "NCT:" + (id.startsWith("NCT:") ? id.substring(4) : id).toUpperCase(Locale.ENGLISH);
            case PUBLICATION -> "PMID:" + (id.startsWith("PMID:") ? id.substring(5) : id);
            default -> id.startsWith(kind.curiePrefix() + ":") ? id : kind.curiePrefix() + ":" + id;
        };
    }

    /**
     * A normalised MeSH CURIE, the same whichever width the source wrote: the letter and the integer value, padded to
     * MeSH's classic 6 digits, except descriptors numbered from 67000 on, which MeSH only ever issued in its 9-digit
     * form. So {@code D000006937} and {@code D006937} both become {@code MESH:D006937}, {@code D000068877} stays
     * {@code MESH:D000068877}, and {@code C000599896} becomes {@code MESH:C599896} (sources write new supplementary
     * ids in both widths).
     */
    public static String mesh(String meshId) {
        String raw = meshId.strip();
        if (raw.regionMatches(true, 0, "MESH:", 0, 5)) {
            raw = raw.substring(5);
        }
        String hint = Messages.format(
                "`%s` is not a MeSH id: expected a letter and digits, e.g. `D003920` or `MESH:D003920`.", meshId);
        if (raw.length() < 2 || !Character.isLetter(raw.charAt(0))) {
            throw new IllegalArgumentException(hint);
        }
        char letter = Character.toUpperCase(raw.charAt(0));
        long value;
        try {
            value = Long.parseLong(raw.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(hint, e);
        }
        boolean nineDigits = letter == 'D' && value >= FIRST_NINE_DIGIT_DESCRIPTOR;
        return Messages.format(nineDigits ? "MESH:%c%09d" : "MESH:%c%06d", letter, value);
    }

    /** MeSH descriptors below this number were issued as 6 digits (last seen D066253), later ones as 9 (D000067877). */
    private static final long FIRST_NINE_DIGIT_DESCRIPTOR = 67_000;

    /** The prefix of a CURIE ({@code DrugBank} of {@code DrugBank:DB00997}), if it has one. */
    public static Optional<String> prefix(String curie) {
        int colon = curie.indexOf(':');
        return colon <= 0 ? Optional.empty() : Optional.of(curie.substring(0, colon));
    }

    /** The local part of a CURIE ({@code DB00997} of {@code DrugBank:DB00997}). */
    public static String localPart(String curie) {
        int colon = curie.indexOf(':');
        return colon < 0 ? curie : curie.substring(colon + 1);
    }
}
