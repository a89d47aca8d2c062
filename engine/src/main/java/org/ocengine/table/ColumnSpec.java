package org.ocengine.table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A column's name, type, unit and one-line description: the unit is part of the schema, carried
 * into Arrow field metadata ({@value #UNIT_KEY}, {@value #DESCRIPTION_KEY}) and into FITS
 * {@code TUNITn} / {@code TCOMMn} cards. Immutable.
 *
 * @param name        column name as written in outputs
 * @param type        value type
 * @param unit        unit in the FITS/VizieR spelling ({@code deg}, {@code km/s}, {@code mas/yr}, {@code K},
 *                    {@code dex}, {@code mag}, {@code pc}, {@code d}); empty for dimensionless values
 * @param description one line for humans (FITS TCOMM, help text)
 */
public record ColumnSpec(String name, ColumnType type, String unit, String description) {

    /** Arrow field metadata key holding the unit. */
    public static final String UNIT_KEY = "unit";
    /** Arrow field metadata key holding the description. */
    public static final String DESCRIPTION_KEY = "description";

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
    }

    /** A nullable Arrow field for this column, with unit and description as metadata. */
    public Field toField() {
        Map<String, String> meta = new LinkedHashMap<>();
        if (!unit.isEmpty()) {
            meta.put(UNIT_KEY, unit);
        }
        if (!description.isEmpty()) {
            meta.put(DESCRIPTION_KEY, description);
        }
        return new Field(name, new FieldType(true, type.arrowType(), null, meta.isEmpty() ? null : meta), null);
    }

    /** The spec of an Arrow field (type, unit and description read back from its metadata). */
    public static ColumnSpec of(Field field) {
        ColumnType type = ColumnType.of(field.getType());
        if (type == null) {
            throw new IllegalArgumentException("column '" + field.getName() + "' has unsupported Arrow type " + field.getType());
        }
        Map<String, String> meta = field.getMetadata();
        return new ColumnSpec(field.getName(), type, meta.get(UNIT_KEY), meta.get(DESCRIPTION_KEY));
    }

    /** The same column under another name. */
    public ColumnSpec renamed(String newName) {
        return new ColumnSpec(newName, type, unit, description);
    }
}
