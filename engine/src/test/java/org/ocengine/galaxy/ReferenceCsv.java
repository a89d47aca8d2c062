package org.ocengine.galaxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A reference table from {@code src/test/resources/galaxy}: '#' lines are comments, then a header; numeric and text columns. */
final class ReferenceCsv {

    private final Map<String, double[]> columns = new LinkedHashMap<>();
    private final Map<String, String[]> texts = new LinkedHashMap<>();
    private final int rows;

    private ReferenceCsv(String resource) {
        try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            String[] names = lines.get(0).split(",");
            rows = lines.size() - 1;
            for (String name : names) {
                texts.put(name, new String[rows]);
            }
            for (int r = 0; r < rows; r++) {
                String[] cells = lines.get(r + 1).split(",");
                for (int c = 0; c < names.length; c++) {
                    texts.get(names[c])[r] = cells[c];
                }
            }
            for (String name : names) {
                try {
                    columns.put(name, java.util.Arrays.stream(texts.get(name)).mapToDouble(Double::parseDouble).toArray());
                } catch (NumberFormatException e) {
                    // a text column
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReferenceCsv load(String name) {
        return new ReferenceCsv("/galaxy/" + name);
    }

    int rows() {
        return rows;
    }

    String[] text(String name) {
        return texts.get(name);
    }

    double[] col(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column " + name);
        }
        return c;
    }
}
