package org.kedrec.importer.write;

import java.util.regex.Pattern;
import org.kedrec.core.Messages;

/**
 * Quotes labels, relationship types and property names for Cypher text. Only plain identifiers pass (letters,
 * digits, underscores, starting with a letter), and are then backtick-quoted, so a name from a mapping table can
 * never inject Cypher; everything else is sent as a parameter.
 */
public final class CypherNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private CypherNames() {}

    /** The backtick-quoted name, or an error naming the bad name and the rule. */
    public static String quote(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(Messages.format(
                    "`%s` cannot be used as a label, relationship type or property name: use letters, digits and "
                            + "underscores, starting with a letter (at most 64 characters).",
                    name));
        }
        return "`" + name + "`";
    }
}
