package org.kedrec.core.rationale;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.PromptFormat;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.BindingRoles;

/**
 * Reads a rationale (teacher's or student's, with slots: {@code [C1]. [C1] binds CACNA1C, a gene associated with
 * [D] [E1]. …}) back into {@link Claim}s with the grammar the evidence teacher writes in ({@link ClaimGrammar} for
 * paths, the sentence forms below for trials, publications and contrasts), checks each claim against the example's
 * evidence, and finds the defects a reader would stumble on: sentences outside the grammar, evidence slots left
 * where a name belongs, words glued together, repeated clauses and self-contradictions.
 *
 * <p>A claim is faithful when exactly that relation between exactly those entities is in the evidence: a path edge
 * must be an edge of the cited path item (its type and its two end nodes, as the example names them); a trial must
 * be an item of the subject with that NCT number and, when stated, that phase, status and outcome; a count must be
 * the graph's count recorded in the items ({@link EvidenceItem#total()}) or, for "at least n", no more than the
 * items shown; "the strongest" must be a supporting trial that no other trial of the subject outranks by
 * {@link TrialRecord#STRONGEST_FIRST}.
 */
public final class ClaimReader {
    /** What one rationale says and how it reads. */
    public record Reading(
            String selection,
            List<Claim> claims,
            int sentences,
            List<String> unparseable,
            List<String> unfilledSlots,
            List<String> gluedWords,
            List<String> repeats,
            List<String> contradictions) {

        /** Faithful claims among all claims. */
        public long faithfulClaims() {
            return claims.stream().filter(Claim::faithful).count();
        }

        /** The claims the evidence does not hold. */
        public List<Claim> unfaithful() {
            return claims.stream().filter(c -> !c.faithful()).toList();
        }

        /** True when the text has none of the defects and every claim is faithful. */
        public boolean clean() {
            return unparseable.isEmpty() && unfilledSlots.isEmpty() && gluedWords.isEmpty() && repeats.isEmpty()
                    && contradictions.isEmpty() && unfaithful().isEmpty();
        }
    }

    private static final String SLOT = "\\[C\\d+]";
    private static final Pattern SELECTION = Pattern.compile("(" + SLOT + ")");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=\\.)\\s+(?=\\S)");
    private static final Pattern CITES = Pattern.compile("^(.*?)((?:\\s*\\[E\\d+])+)$");
    /** {@code binds its transporter X, …}: the role a pharmacokinetic protein is named by, then the plain clause. */
    private static final Pattern BINDING_ROLE = Pattern.compile("^" + Pattern.quote(ClaimGrammar.BINDS
            + ClaimGrammar.ROLE_PREFIX) + "((?:" + String.join("|", BindingRoles.ROLES) + ")(?: and (?:"
            + String.join("|", BindingRoles.ROLES) + "))*) (.+)$");
    private static final Pattern TESTED = Pattern.compile("^(It|" + SLOT + ") was tested for \\[D] in (.+)$");
    private static final Pattern ONE_TRIAL = Pattern.compile(
            "^trial (NCT\\d{8})(?: \\(([^)]*)\\))? (\\[E\\d+])$");
    private static final Pattern MANY_TRIALS = Pattern.compile(
            "^(at least )?(\\d+) trials?((?: ?\\[E\\d+])*)"
                    + "(?:; the strongest is (NCT\\d{8})(?: \\(([^)]*)\\))? (\\[E\\d+]))?$");
    private static final Pattern OLD_TRIALS = Pattern.compile(
            "^(\\d+) trials, the strongest (NCT\\d{8})(?: \\(([^)]*)\\))? ((?:\\[E\\d+])+)$");
    private static final Pattern NOT_SUCCEEDED = Pattern.compile("^(.+) did not succeed$");
    private static final Pattern NAMED_TRIAL = Pattern.compile("^(NCT\\d{8})(?: \\(([^)]*)\\))? (\\[E\\d+])$");
    private static final Pattern MENTIONED = Pattern.compile("^(It|" + SLOT + ") is mentioned with \\[D] in (.+)$");
    private static final Pattern ONE_PUBLICATION = Pattern.compile("^PMID (\\d+) (\\[E\\d+])$");
    private static final Pattern MANY_PUBLICATIONS = Pattern.compile(
            "^(at least )?(\\d+) publications?((?: ?\\[E\\d+])+)$");
    private static final Pattern NO_EVIDENCE = Pattern.compile(
            "^No evidence here links (" + SLOT + ") to \\[D](; it is chosen as a disease-modifying treatment of "
                    + "\\[D])?$");
    private static final Pattern NOTHING_LINKS = Pattern.compile("^Nothing in the evidence links (" + SLOT
            + ") to \\[D]$");
    private static final Pattern LACKS = Pattern.compile("^(" + SLOT + ") is linked to \\[D] (\\[E\\d+]) but has no "
            + "(trial|publication|trial or publication) for it$");
    private static final Pattern NO_PATH = Pattern.compile("^(" + SLOT + ") has no graph path to \\[D] (\\[E\\d+])$");
    private static final Pattern WEAKER = Pattern.compile("^(" + SLOT + ")'s best link (\\[E\\d+]) runs through less "
            + "specific, highly connected nodes$");
    private static final Pattern ALSO_LINKED = Pattern.compile("^(" + SLOT + ") is also linked to \\[D] (\\[E\\d+])"
            + "(, but is not among its known treatments)?$");
    private static final Pattern PATH_SENTENCE = Pattern.compile("^(" + SLOT + ") (.+)$");
    private static final Pattern LINKED_THROUGH = Pattern.compile("^is linked to (.+?) through (.+)$");

    /** An evidence slot where a name belongs: right after a relation word or a preposition. */
    private static final Pattern UNFILLED = Pattern.compile("(?<![\\p{L}])(resembles|binds|treats|palliates|"
            + "upregulates|downregulates|regulates|interacts|covaries|presents|class|target|effect|gene|pathway|to|"
            + "by|of|with|through|and|like|in)\\s+\\[E\\d+]", Pattern.CASE_INSENSITIVE);
    private static final Pattern GLUED = Pattern.compile(
            "\\p{Ll}{2,}\\p{Lu}[\\p{L}\\p{N}]*|\\p{L}\\[(?:C\\d+|D|E\\d+)]|\\[(?:C\\d+|D|E\\d+)]\\p{L}");
    private static final Pattern WORD = Pattern.compile("[^\\s]+");

    private ClaimReader() {}

    /** Reads {@code text} (with slots) against {@code example}'s evidence. */
    public static Reading read(ExpRxRecExample example, String text) {
        Context context = new Context(example);
        String body = text == null ? "" : text.strip();
        List<String> sentences = body.isEmpty() ? List.of() : List.of(SENTENCE_END.split(body));
        List<Claim> claims = new ArrayList<>();
        List<String> unparseable = new ArrayList<>();
        String selection = null;
        String it = null;
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i).strip();
            if (!sentence.endsWith(".")) {
                unparseable.add(sentence);
                continue;
            }
            String s = sentence.substring(0, sentence.length() - 1);
            if (i == 0) {
                Matcher m = SELECTION.matcher(s);
                if (m.matches() && context.isCandidate(m.group(1))) {
                    selection = m.group(1);
                    it = selection;
                } else {
                    unparseable.add(sentence);
                }
                continue;
            }
            String subject = readSentence(s, it, context, claims);
            if (subject == null) {
                unparseable.add(sentence);
            } else if (!subject.isEmpty()) {
                it = subject;
            }
        }
        return new Reading(selection, List.copyOf(claims), sentences.size(), List.copyOf(unparseable),
                unfilled(body, claims), glued(body, example), repeats(body), contradictions(claims));
    }

    /** The sentence's subject ("" when it has none of its own), or null when the sentence is outside the grammar. */
    private static String readSentence(String s, String it, Context c, List<Claim> claims) {
        Matcher m;
        if ((m = TESTED.matcher(s)).matches()) {
            String subject = subject(m.group(1), it);
            return readTrials(subject, m.group(2), c, claims) ? subject : null;
        }
        if ((m = MENTIONED.matcher(s)).matches()) {
            String subject = subject(m.group(1), it);
            return readPublications(subject, m.group(2), c, claims) ? subject : null;
        }
        if ((m = NOT_SUCCEEDED.matcher(s)).matches()) {
            List<Claim> found = new ArrayList<>();
            for (String part : m.group(1).split(" and ")) {
                Matcher t = NAMED_TRIAL.matcher(part);
                if (!t.matches()) {
                    return null;
                }
                EvidenceItem item = c.trial(it, t.group(1), t.group(3));
                found.add(trialClaim(it, t.group(1), t.group(2), item));
                found.add(new Claim(Claim.Kind.NOT_SUPPORTING, it, "NOT_SUPPORTING", t.group(1),
                        item != null && !EvidenceTeacher.record(item).supports()));
            }
            claims.addAll(found);
            return "";
        }
        if ((m = NO_EVIDENCE.matcher(s)).matches() || (m = NOTHING_LINKS.matcher(s)).matches()) {
            claims.add(new Claim(Claim.Kind.ABSENCE, m.group(1), "NO_EVIDENCE", "[D]", c.items(m.group(1)).isEmpty()));
            if (m.pattern() == NO_EVIDENCE && m.group(2) != null) {
                claims.add(new Claim(Claim.Kind.TREATMENT, m.group(1), "KNOWN_TREATMENT", "[D]",
                        c.example.knownTreatment(m.group(1))));
            }
            return m.group(1);
        }
        if ((m = LACKS.matcher(s)).matches()) {
            String subject = m.group(1);
            claims.add(linked(subject, m.group(2), c));
            for (String kind : m.group(3).split(" or ")) {
                EvidenceKind lacking = kind.equals("trial") ? EvidenceKind.TRIAL : EvidenceKind.PUBLICATION;
                claims.add(new Claim(Claim.Kind.ABSENCE, subject, "NO_" + lacking, "[D]",
                        c.ofKind(subject, lacking).isEmpty()));
            }
            return subject;
        }
        if ((m = NO_PATH.matcher(s)).matches()) {
            claims.add(linked(m.group(1), m.group(2), c));
            claims.add(new Claim(Claim.Kind.ABSENCE, m.group(1), "NO_" + EvidenceKind.PATH, "[D]",
                    c.ofKind(m.group(1), EvidenceKind.PATH).isEmpty()));
            return m.group(1);
        }
        if ((m = WEAKER.matcher(s)).matches()) {
            claims.add(new Claim(Claim.Kind.WEAKER, m.group(1), "WEAKER_BEST_PATH", m.group(2),
                    c.weaker(m.group(1), m.group(2))));
            return m.group(1);
        }
        if ((m = ALSO_LINKED.matcher(s)).matches()) {
            claims.add(linked(m.group(1), m.group(2), c));
            if (m.group(3) != null) {
                // True only where the example establishes it (a dataset example's hard negative), never of a
                // candidate the user chose that may well treat the disease.
                claims.add(new Claim(Claim.Kind.ABSENCE, m.group(1), "NOT_A_KNOWN_TREATMENT", "[D]",
                        c.example.knownNonTreatment(m.group(1))));
            }
            return m.group(1);
        }
        if ((m = PATH_SENTENCE.matcher(s)).matches()) {
            String subject = m.group(1);
            List<Claim> found = new ArrayList<>();
            for (String clause : m.group(2).split("; it also ")) {
                if (!readPath(subject, clause, c, found)) {
                    return null;
                }
            }
            claims.addAll(found);
            return subject;
        }
        return null;
    }

    private static boolean readTrials(String subject, String rest, Context c, List<Claim> claims) {
        Matcher m;
        if ((m = ONE_TRIAL.matcher(rest)).matches()) {
            claims.add(trialClaim(subject, m.group(1), m.group(2), c.trial(subject, m.group(1), m.group(3))));
            return true;
        }
        if ((m = MANY_TRIALS.matcher(rest)).matches()) {
            boolean atLeast = m.group(1) != null;
            int count = Integer.parseInt(m.group(2));
            List<String> cited = slots(m.group(3));
            claims.add(count(subject, EvidenceKind.TRIAL, atLeast, count, c));
            for (String slot : cited) {
                EvidenceItem item = c.item(slot);
                String nct = item != null && item.id() != null ? bare(item.id()) : slot;
                claims.add(trialClaim(subject, nct, null, c.trial(subject, nct, slot)));
            }
            if (m.group(4) != null) {
                claims.add(strongest(subject, m.group(4), m.group(5), m.group(6), c));
            }
            return true;
        }
        if ((m = OLD_TRIALS.matcher(rest)).matches()) {
            claims.add(count(subject, EvidenceKind.TRIAL, false, Integer.parseInt(m.group(1)), c));
            claims.add(strongest(subject, m.group(2), m.group(3), null, c));
            return true;
        }
        return false;
    }

    private static boolean readPublications(String subject, String rest, Context c, List<Claim> claims) {
        Matcher m;
        if ((m = ONE_PUBLICATION.matcher(rest)).matches()) {
            claims.add(publicationClaim(subject, m.group(1), m.group(2), c));
            return true;
        }
        if ((m = MANY_PUBLICATIONS.matcher(rest)).matches()) {
            List<String> cited = slots(m.group(3));
            claims.add(count(subject, EvidenceKind.PUBLICATION, m.group(1) != null, Integer.parseInt(m.group(2)), c));
            for (String slot : cited) {
                EvidenceItem item = c.item(slot);
                String pmid = item != null && item.id() != null ? bare(item.id()) : slot;
                claims.add(publicationClaim(subject, pmid, slot, c));
            }
            return true;
        }
        return false;
    }

    /** One path clause: template words, then the cited slot(s). */
    private static boolean readPath(String subject, String clause, Context c, List<Claim> claims) {
        Matcher cites = CITES.matcher(clause);
        if (!cites.matches() || cites.group(2) == null) {
            return false;
        }
        String words = cites.group(1).strip();
        List<String> cited = slots(cites.group(2));
        String role = null;
        Matcher named = BINDING_ROLE.matcher(words);
        if (named.matches()) {
            role = named.group(1);
            words = ClaimGrammar.BINDS + named.group(2);
        }
        for (ClaimGrammar.PathTemplate template : ClaimGrammar.PATHS.values()) {
            List<String> names = template.match(words);
            if (names == null) {
                continue;
            }
            names.set(0, subject);
            if (role != null) {
                claims.add(new Claim(Claim.Kind.BINDING_ROLE, subject, "PHARMACOKINETIC_ROLE",
                        role + " " + names.get(1), c.hasRole(cited, subject, names.get(1), role)));
            }
            for (int i = 0; i < template.rels().size(); i++) {
                String a = names.get(i);
                String rel = template.rels().get(i);
                String b = names.get(i + 1);
                claims.add(new Claim(Claim.Kind.PATH_EDGE, a, rel, b, c.hasEdge(cited, a, rel, b)));
            }
            return true;
        }
        Matcher linked = LINKED_THROUGH.matcher(words);
        if (linked.matches()) {
            List<String> names = new ArrayList<>();
            names.add(subject);
            names.addAll(List.of(linked.group(2).split(" and ")));
            names.add(linked.group(1));
            claims.add(new Claim(Claim.Kind.PATH_LINK, subject, "LINKED_THROUGH", String.join(" > ", names),
                    c.hasPath(cited, names)));
            return true;
        }
        return false;
    }

    private static Claim trialClaim(String subject, String nct, String summary, EvidenceItem item) {
        boolean faithful = item != null
                && (summary == null || summary.equals(EvidenceTeacher.record(item).summary()));
        return new Claim(Claim.Kind.TRIAL, subject, "TESTED_IN", summary == null ? nct : nct + " (" + summary + ")",
                faithful);
    }

    private static Claim publicationClaim(String subject, String pmid, String slot, Context c) {
        EvidenceItem item = c.item(slot);
        boolean faithful = item != null && item.kind() == EvidenceKind.PUBLICATION
                && subject != null && subject.equals(item.candidate()) && ("PMID:" + pmid).equals(item.id());
        return new Claim(Claim.Kind.PUBLICATION, subject, "MENTIONED_IN", "PMID " + pmid, faithful);
    }

    private static Claim strongest(String subject, String nct, String summary, String slot, Context c) {
        EvidenceItem item = slot == null ? c.trialById(subject, nct) : c.trial(subject, nct, slot);
        boolean faithful = false;
        if (item != null && (summary == null || summary.equals(EvidenceTeacher.record(item).summary()))) {
            TrialRecord named = EvidenceTeacher.record(item);
            faithful = named.supports();
            for (EvidenceItem other : c.ofKind(subject, EvidenceKind.TRIAL)) {
                if (TrialRecord.STRONGEST_FIRST.compare(EvidenceTeacher.record(other), named) < 0) {
                    faithful = false;
                }
            }
        }
        return new Claim(Claim.Kind.STRONGEST, subject, "STRONGEST", nct, faithful);
    }

    /** "n trials" must be the graph's count ({@link EvidenceItem#total()}); "at least n" no more than shown. */
    private static Claim count(String subject, EvidenceKind kind, boolean atLeast, int count, Context c) {
        List<EvidenceItem> shown = c.ofKind(subject, kind);
        int total = shown.stream().mapToInt(EvidenceItem::total).max().orElse(0);
        boolean faithful = atLeast ? count <= shown.size() && count > 0 : total > 0 && count == total;
        return new Claim(Claim.Kind.COUNT, subject, "COUNT_" + kind, (atLeast ? "at least " : "") + count, faithful);
    }

    private static Claim linked(String subject, String slot, Context c) {
        EvidenceItem item = c.item(slot);
        return new Claim(Claim.Kind.LINKED, subject, "LINKED", slot, item != null && subject.equals(item.candidate()));
    }

    private static String subject(String written, String it) {
        return written.equals("It") ? it : written;
    }

    private static List<String> slots(String cites) {
        return PromptFormat.evidenceSlotsIn(cites);
    }

    private static String bare(String id) {
        int colon = id.indexOf(':');
        return colon >= 0 ? id.substring(colon + 1) : id;
    }

    private static List<String> unfilled(String text, List<Claim> claims) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = UNFILLED.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        for (Claim claim : claims) {
            if (claim.kind() == Claim.Kind.PATH_EDGE && !PromptFormat.evidenceSlotsIn(claim.object()).isEmpty()) {
                out.add(claim.object());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> glued(String text, ExpRxRecExample example) {
        Set<String> names = new HashSet<>();
        if (example.disease() != null && example.disease().name() != null) {
            names.add(example.disease().name());
        }
        example.candidates().forEach(c -> names.add(String.valueOf(c.name())));
        for (EvidenceItem item : example.evidence()) {
            item.entities().forEach(e -> names.add(String.valueOf(e.name())));
            if (item.title() != null) {
                names.add(item.title());
            }
        }
        List<String> out = new ArrayList<>();
        Matcher m = GLUED.matcher(text);
        while (m.find()) {
            String hit = m.group();
            Matcher word = WORD.matcher(text);
            String token = hit;
            while (word.find()) {
                if (word.start() <= m.start() && word.end() >= m.end()) {
                    token = word.group().replaceAll("^[(\"']+|[.,;:)\"']+$", "");
                    break;
                }
            }
            String found = token;
            if (names.stream().noneMatch(n -> n.contains(found))) {
                out.add(token);
            }
        }
        return out;
    }

    /** Clauses said twice (subject and citations aside) and word triples that loop (three or more times). */
    private static List<String> repeats(String text) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String clause : text.split("[.;]")) {
            String normal = clause.replaceAll("\\[E\\d+]", "").replaceAll("^\\s*(it also|It|\\[C\\d+])\\s+", "")
                    .strip().toLowerCase(Locale.ENGLISH);
            if (normal.split("\\s+").length >= 3 && !seen.add(normal)) {
                out.add(clause.strip());
            }
        }
        // A trial's phase and status are data, not prose: three trials of the same phase are not a loop.
        String[] words = text.replaceAll("\\[E\\d+]|\\([^)]*\\)", " ").strip().toLowerCase(Locale.ENGLISH)
                .split("\\s+");
        Map<String, Integer> triples = new HashMap<>();
        for (int i = 0; i + 2 < words.length; i++) {
            String triple = words[i] + " " + words[i + 1] + " " + words[i + 2];
            if (triples.merge(triple, 1, Integer::sum) == 3) {
                out.add(triple);
            }
        }
        return out;
    }

    /** A subject asserted to have evidence of a kind and, elsewhere, to have none. */
    private static List<String> contradictions(List<Claim> claims) {
        List<String> out = new ArrayList<>();
        for (Claim absence : claims) {
            if (absence.kind() != Claim.Kind.ABSENCE) {
                continue;
            }
            for (Claim claim : claims) {
                if (claim.subject() == null || !claim.subject().equals(absence.subject())) {
                    continue;
                }
                boolean clash = switch (absence.relation()) {
                    // Being a known treatment is knowledge about the pair, not evidence shown for it.
                    case "NO_EVIDENCE" -> claim.kind() != Claim.Kind.ABSENCE && claim.kind() != Claim.Kind.TREATMENT;
                    case "NOT_A_KNOWN_TREATMENT" -> claim.kind() == Claim.Kind.TREATMENT;
                    case "NO_TRIAL" -> claim.kind() == Claim.Kind.TRIAL || claim.kind() == Claim.Kind.STRONGEST
                            || (claim.kind() == Claim.Kind.COUNT && claim.relation().endsWith("TRIAL"));
                    case "NO_PUBLICATION" -> claim.kind() == Claim.Kind.PUBLICATION
                            || (claim.kind() == Claim.Kind.COUNT && claim.relation().endsWith("PUBLICATION"));
                    case "NO_PATH" -> claim.kind() == Claim.Kind.PATH_EDGE || claim.kind() == Claim.Kind.PATH_LINK;
                    default -> false;
                };
                if (clash) {
                    out.add(absence.subject() + " " + absence.relation() + " vs " + claim.relation() + " "
                            + claim.object());
                }
            }
        }
        return out;
    }

    /** The example's evidence, indexed for the checks. */
    private static final class Context {
        private final ExpRxRecExample example;
        private final Map<String, EvidenceItem> bySlot = new HashMap<>();

        Context(ExpRxRecExample example) {
            this.example = example;
            example.evidence().forEach(item -> bySlot.put(item.slot(), item));
        }

        boolean isCandidate(String slot) {
            return example.candidates().stream().anyMatch(c -> c.slot().equals(slot));
        }

        EvidenceItem item(String slot) {
            return slot == null ? null : bySlot.get(slot);
        }

        List<EvidenceItem> items(String candidate) {
            return candidate == null ? List.of() : example.evidenceFor(candidate);
        }

        List<EvidenceItem> ofKind(String candidate, EvidenceKind kind) {
            return items(candidate).stream().filter(i -> i.kind() == kind).toList();
        }

        /** The trial item at {@code slot} if it is the subject's trial {@code nct}. */
        EvidenceItem trial(String subject, String nct, String slot) {
            EvidenceItem item = item(slot);
            return item != null && item.kind() == EvidenceKind.TRIAL && subject != null
                    && subject.equals(item.candidate()) && ("NCT:" + nct).equals(item.id()) ? item : null;
        }

        EvidenceItem trialById(String subject, String nct) {
            return ofKind(subject, EvidenceKind.TRIAL).stream().filter(i -> ("NCT:" + nct).equals(i.id()))
                    .findFirst().orElse(null);
        }

        /** An edge {@code a -rel- b} (either direction) on one of the cited path items. */
        boolean hasEdge(List<String> cited, String a, String rel, String b) {
            for (String slot : cited) {
                EvidenceItem path = item(slot);
                if (path == null || path.kind() != EvidenceKind.PATH) {
                    continue;
                }
                for (int i = 0; i < path.rels().size(); i++) {
                    String x = name(path, i);
                    String y = name(path, i + 1);
                    if (path.rels().get(i).equals(rel)
                            && ((x.equals(a) && y.equals(b)) || (x.equals(b) && y.equals(a)))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * One of the cited path items leaves {@code drug} through a binding of {@code gene} that the item records as
         * pharmacokinetic in exactly this {@code role} (what the example's builder read off the edge's sources).
         */
        boolean hasRole(List<String> cited, String drug, String gene, String role) {
            for (String slot : cited) {
                EvidenceItem path = item(slot);
                if (path != null && path.kind() == EvidenceKind.PATH && path.rels().size() > 0
                        && path.rels().get(0).equals("BINDS") && Boolean.TRUE.equals(path.directions().get(0))
                        && name(path, 0).equals(drug) && name(path, 1).equals(gene)
                        && role.equals(path.pharmacokineticRole())) {
                    return true;
                }
            }
            return false;
        }

        /** A path node as the text names it; the first node is the item's candidate (the sentence's subject). */
        String name(EvidenceItem path, int index) {
            return index == 0 && path.candidate() != null ? path.candidate()
                    : EvidenceTeacher.displayName(path, index, example);
        }

        /** One of the cited path items runs through exactly these nodes. */
        boolean hasPath(List<String> cited, List<String> names) {
            for (String slot : cited) {
                EvidenceItem path = item(slot);
                if (path == null || path.kind() != EvidenceKind.PATH || path.nodes().size() != names.size()) {
                    continue;
                }
                boolean all = true;
                for (int i = 0; i < names.size(); i++) {
                    all &= name(path, i).equals(names.get(i));
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }

        /** {@code slot} is the subject's best path and another candidate has a better one. */
        boolean weaker(String subject, String slot) {
            List<EvidenceItem> theirs = ofKind(subject, EvidenceKind.PATH);
            EvidenceItem cited = item(slot);
            if (cited == null || !theirs.contains(cited)) {
                return false;
            }
            double best = theirs.stream().mapToDouble(EvidenceItem::score).max().orElse(0);
            if (cited.score() < best) {
                return false;
            }
            for (SlotEntity other : example.candidates()) {
                if (!other.slot().equals(subject) && ofKind(other.slot(), EvidenceKind.PATH).stream()
                        .anyMatch(p -> p.score() > best)) {
                    return true;
                }
            }
            return false;
        }
    }
}
