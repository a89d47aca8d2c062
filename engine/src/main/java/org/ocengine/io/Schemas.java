package org.ocengine.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.ocengine.table.ColumnSpec;

/** Checks writers make of the schemas and batches they are given. Stateless. */
final class Schemas {

    private Schemas() {
    }

    /**
     * The column specs of a schema a writer is opened with.
     *
     * @throws IllegalArgumentException when it has no columns or a column of a type ocengine does not model
     */
    static List<ColumnSpec> writableSpecs(Schema schema, Path target) {
        if (schema.getFields().isEmpty()) {
            throw new IllegalArgumentException(target + ": a table without columns cannot be written");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        for (Field field : schema.getFields()) {
            try {
                specs.add(ColumnSpec.of(field));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(target + ": " + e.getMessage(), e);
            }
        }
        return specs;
    }

    /**
     * Checks that a batch has the writer's columns: same names, same Arrow types, same order.
     *
     * @throws IllegalArgumentException naming the first difference
     */
    static void requireMatches(Schema expected, VectorSchemaRoot batch, Path target) {
        List<Field> want = expected.getFields();
        List<Field> got = batch.getSchema().getFields();
        if (want.size() != got.size()) {
            throw new IllegalArgumentException(target + ": batch has " + got.size() + " columns, the writer was opened with " + want.size());
        }
        for (int i = 0; i < want.size(); i++) {
            Field w = want.get(i);
            Field g = got.get(i);
            if (!w.getName().equals(g.getName()) || !w.getType().equals(g.getType())) {
                throw new IllegalArgumentException(target + ": batch column " + (i + 1) + " is " + g.getName() + " " + g.getType()
                        + ", the writer was opened with " + w.getName() + " " + w.getType());
            }
        }
    }
}
