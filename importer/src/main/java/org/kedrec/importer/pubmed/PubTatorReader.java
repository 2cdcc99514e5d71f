package org.kedrec.importer.pubmed;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.importer.io.LineReader;
import org.kedrec.importer.io.Problems;
import org.kedrec.importer.io.TsvReader;

/**
 * PubTator documents, one at a time: {@code PMID|t|title}, {@code PMID|a|abstract}, mention lines
 * {@code PMID⇥start⇥end⇥text⇥type⇥ids[⇥…]} and relation lines, BC5CDR's {@code PMID⇥CID⇥chemical⇥disease} and
 * BioRED's {@code PMID⇥type⇥id1⇥id2⇥novelty}; documents end at a blank line. Bad lines go to {@link Problems}.
 */
final class PubTatorReader implements Closeable {
    record Mention(String type, String ids, String text) {}

    record Relation(String type, String id1, String id2, long line) {}

    static final class Document {
        final long pmid;
        final long line;
        String title;
        String abstractText;
        final List<Mention> mentions = new ArrayList<>();
        final List<Relation> relations = new ArrayList<>();

        Document(long pmid, long line) {
            this.pmid = pmid;
            this.line = line;
        }
    }

    private final LineReader lines;
    private final Problems problems;
    private String pending;

    PubTatorReader(LineReader lines, Problems problems) {
        this.lines = lines;
        this.problems = problems;
    }

    LineReader lines() {
        return lines;
    }

    /** The next document, or null at the end of the file. */
    Document next() {
        Document doc = null;
        String line;
        while ((line = pending != null ? pending : lines.next()) != null) {
            pending = null;
            if (line.isBlank()) {
                if (doc != null) {
                    return doc;
                }
                continue;
            }
            long pmid = pmid(line);
            if (pmid < 0) {
                problems.line(lines.file(), lines.lineNumber(), Problems.MALFORMED, Messages.format(
                        "`%s` is not a PubTator line: expected a PMID, then `|t|`, `|a|` or tab-separated fields.",
                        abbreviate(line)), "Fix or remove the line");
                continue;
            }
            if (doc != null && pmid != doc.pmid) {
                // A new document without a blank line in between: start it with this line.
                pending = line;
                return doc;
            }
            if (doc == null) {
                doc = new Document(pmid, lines.lineNumber());
            }
            parse(doc, line);
        }
        return doc;
    }

    private void parse(Document doc, String line) {
        int bar = line.indexOf('|');
        int tab = line.indexOf('\t');
        if (bar > 0 && (tab < 0 || bar < tab) && line.length() > bar + 2 && line.charAt(bar + 2) == '|') {
            char section = line.charAt(bar + 1);
            String text = line.substring(bar + 3);
            if (section == 't') {
                doc.title = text.strip();
            } else if (section == 'a') {
                doc.abstractText = text.strip();
            } else {
                malformed(line);
            }
            return;
        }
        String[] cells = TsvReader.split(line);
        if (cells.length >= 6 && isInteger(cells[1]) && isInteger(cells[2])) {
            doc.mentions.add(new Mention(cells[4].strip(), cells[5].strip(), cells[3]));
        } else if (cells.length == 4 && !isInteger(cells[1])) {
            doc.relations.add(new Relation(cells[1].strip(), cells[2].strip(), cells[3].strip(), lines.lineNumber()));
        } else if (cells.length == 5 && !isInteger(cells[1])) {
            doc.relations.add(new Relation(cells[1].strip(), cells[2].strip(), cells[3].strip(), lines.lineNumber()));
        } else {
            malformed(line);
        }
    }

    private void malformed(String line) {
        problems.line(lines.file(), lines.lineNumber(), Problems.MALFORMED, Messages.format(
                "`%s` is neither a title, an abstract, a mention (6 or more tab-separated fields: PMID, start, end, "
                        + "text, type, ids) nor a relation (PMID, type, id, id).", abbreviate(line)),
                "Fix or remove the line");
    }

    private static long pmid(String line) {
        int i = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 18 || i >= line.length() || (line.charAt(i) != '|' && line.charAt(i) != '\t')) {
            return -1;
        }
        return Long.parseLong(line.substring(0, i));
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String line) {
        String shown = line.length() <= 60 ? line : line.substring(0, 57) + "...";
        return shown.replace("\t", "\\t");
    }

    @Override
    public void close() {
        lines.close();
    }
}
