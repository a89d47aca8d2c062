package org.ocengine.io;

import java.util.List;

/** Names for the columns of files whose headers may leave them blank or repeat them. Stateless. */
final class ColumnNames {

    private ColumnNames() {
    }

    /**
     * The name for column {@code position} (1-based) given the names already taken: {@code col<position>}
     * when blank, {@code <name>_2}, {@code _3}, ... when taken; each change adds a line to {@code warnings}.
     */
    static String unique(String name, int position, List<String> taken, List<String> warnings) {
        String base = name;
        if (name == null || name.isBlank()) {
            base = "col" + position;
            warnings.add("column " + position + " has no name; named " + base);
        }
        String unique = base;
        for (int k = 2; taken.contains(unique); k++) {
            unique = base + "_" + k;
        }
        if (!unique.equals(base)) {
            warnings.add("column name " + base + " appears more than once; column " + position + " renamed " + unique);
        }
        return unique;
    }
}
