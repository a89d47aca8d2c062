package org.ocengine.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ocengine.table.CanonicalTables;

/**
 * The {@code --map [ROLE:]CANONICAL=INPUT} assignments of a command, split by the input they apply to
 * (its role: spectra, members, ours, ...). Stateless.
 */
final class ColumnMapOptions {

    private ColumnMapOptions() {
    }

    /**
     * Per role, the canonical-to-input column overrides; an assignment without a role belongs to the
     * first of {@code roles}. Every role of {@code roles} is in the result (empty when unused).
     *
     * @throws IllegalArgumentException for a role not in {@code roles}, or a malformed assignment
     */
    static Map<String, Map<String, String>> byRole(List<String> maps, List<String> roles) {
        Map<String, List<String>> assignments = new LinkedHashMap<>();
        for (String role : roles) {
            assignments.put(role, new ArrayList<>());
        }
        for (String map : maps) {
            int colon = map.indexOf(':');
            int eq = map.indexOf('=');
            boolean hasRole = colon > 0 && colon < eq;
            String role = hasRole ? map.substring(0, colon) : roles.get(0);
            List<String> forRole = assignments.get(role);
            if (forRole == null) {
                throw new IllegalArgumentException("--map role must be " + String.join(", ", roles.subList(0, roles.size() - 1))
                        + " or " + roles.get(roles.size() - 1) + ", not " + role);
            }
            forRole.add(hasRole ? map.substring(colon + 1) : map);
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        assignments.forEach((role, list) -> out.put(role, CanonicalTables.parseOverrides(list)));
        return out;
    }
}
