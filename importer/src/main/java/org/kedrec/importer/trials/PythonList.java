package org.kedrec.importer.trials;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Python list literals HINT stores in CSV cells, e.g. {@code ["ewing's sarcoma", 'neuroblastoma']}:
 * single- or double-quoted strings with backslash escapes. Anything else yields the cell as one item.
 */
final class PythonList {
    private PythonList() {}

    static List<String> parse(String cell) {
        String s = cell == null ? "" : cell.strip();
        if (s.isEmpty() || s.equals("[]")) {
            return List.of();
        }
        if (!s.startsWith("[") || !s.endsWith("]")) {
            return List.of(s);
        }
        List<String> items = new ArrayList<>();
        int i = 1;
        while (i < s.length() - 1) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                StringBuilder item = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    item.append(s.charAt(j));
                    j++;
                }
                String value = item.toString().strip();
                if (!value.isEmpty() && !items.contains(value)) {
                    items.add(value);
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return items;
    }
}
