package io.sluice.sinks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Column;
import io.sluice.event.TableSchema;
import io.sluice.core.template.TextValues;
import io.sluice.sinks.common.Workload;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads target tables back as text, the way the source model renders them, for comparison. */
final class JdbcTables {
    private JdbcTables() {}

    /** Every row of a table: key values (as text) to column values (as text; null for NULL). */
    static Map<List<String>, Map<String, String>> read(Connection c, String qualifiedTable, TableSchema schema)
            throws SQLException {
        Map<List<String>, Map<String, String>> rows = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + qualifiedTable)) {
            while (rs.next()) {
                Map<String, String> row = new HashMap<>();
                for (Column column : schema.columns()) {
                    row.put(column.name(), text(rs.getObject(column.name()), column));
                }
                List<String> key = new ArrayList<>();
                schema.keyColumns().forEach(k -> key.add(row.get(k)));
                rows.put(key, row);
            }
        }
        return rows;
    }

    /** The model's rows of a table, in the same shape as {@link #read}. */
    static Map<List<String>, Map<String, String>> expected(Workload workload, TableSchema schema) {
        Map<List<String>, Map<String, String>> rows = new HashMap<>();
        workload.rows(schema.id()).forEach((k, image) -> {
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < image.length; i++) {
                row.put(schema.column(i).name(), image[i] == null ? null : TextValues.text(image[i], schema.column(i)));
            }
            List<String> key = new ArrayList<>();
            schema.keyColumns().forEach(col -> key.add(row.get(col)));
            rows.put(key, row);
        });
        return rows;
    }

    static void assertTableEqualsModel(Connection c, String qualifiedTable, Workload workload, TableSchema schema)
            throws SQLException {
        Map<List<String>, Map<String, String>> actual = read(c, qualifiedTable, schema);
        Map<List<String>, Map<String, String>> expected = expected(workload, schema);
        assertThat(actual.keySet()).as(qualifiedTable + " keys").containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(actual).as(qualifiedTable).isEqualTo(expected);
    }

    private static String text(Object value, Column column) {
        if (value == null) {
            return null;
        }
        Object normalized = value;
        if (value instanceof Timestamp t) {
            normalized = t.toLocalDateTime();
        } else if (value instanceof java.sql.Date d) {
            normalized = d.toLocalDate();
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            normalized = ((Number) value).longValue();
        } else if (value instanceof BigDecimal d && column.type() == io.sluice.event.ColumnType.DECIMAL) {
            normalized = d.setScale(column.scale());
        }
        if (normalized instanceof LocalDateTime || normalized instanceof LocalDate || normalized instanceof Long
                || normalized instanceof BigDecimal || normalized instanceof String) {
            return TextValues.text(normalized, column);
        }
        return String.valueOf(normalized);
    }
}
