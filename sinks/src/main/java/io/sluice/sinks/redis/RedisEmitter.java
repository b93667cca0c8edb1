package io.sluice.sinks.redis;

import io.sluice.event.Column;
import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.core.template.TextValues;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a row change into Redis commands: a delete removes the key; an insert, snapshot read or
 * update writes the row under its key; an update whose key changes also removes the old key.
 */
final class RedisEmitter {
    private static final JsonFactory JSON = new JsonFactory();

    private final RedisSinkOptions options;
    private final long ttlMillis;

    private TableSchema lastSchema;
    private int[] lastColumns;
    private int lastValueColumn;

    RedisEmitter(RedisSinkOptions options) {
        this.options = options;
        this.ttlMillis = options.ttl() == null ? 0 : options.ttl().toMillis();
    }

    /**
     * Adds the commands for one row change to {@code out}.
     *
     * @throws PermanentFailureException when the key template cannot be filled for this row or the
     *     value column is missing
     */
    void emit(RowChange row, List<RedisCommand> out) {
        switch (row.op()) {
            case DELETE -> out.add(new RedisCommand.Delete(row, key(row, row.before())));
            case INSERT, READ -> out.add(write(row, key(row, row.after())));
            case UPDATE -> {
                String oldKey = key(row, row.before());
                String newKey = key(row, row.after());
                RedisCommand write = write(row, newKey);
                if (!oldKey.equals(newKey)) {
                    out.add(new RedisCommand.Delete(row, oldKey));
                }
                out.add(write);
            }
        }
    }

    private String key(RowChange row, Object[] image) {
        return options.key().render(row.table(), row.schema(), image);
    }

    private RedisCommand write(RowChange row, String key) {
        Object[] image = row.after();
        TableSchema schema = row.schema();
        prepare(row);
        switch (options.format()) {
            case VALUE: {
                Object value = image[lastValueColumn];
                return value == null
                        ? new RedisCommand.Delete(row, key)
                        : new RedisCommand.SetString(row, key, TextValues.text(value, schema.column(lastValueColumn)),
                                ttlMillis);
            }
            case JSON:
                return new RedisCommand.SetString(row, key, json(schema, image), ttlMillis);
            default: {
                Map<String, String> fields = new LinkedHashMap<>(lastColumns.length * 2);
                List<String> nulls = new ArrayList<>(0);
                for (int i : lastColumns) {
                    Column column = schema.column(i);
                    if (image[i] == null) {
                        nulls.add(column.name());
                    } else {
                        fields.put(column.name(), TextValues.text(image[i], column));
                    }
                }
                return new RedisCommand.SetHash(row, key, fields, nulls.toArray(new String[0]), ttlMillis);
            }
        }
    }

    private void prepare(RowChange row) {
        TableSchema schema = row.schema();
        if (schema == lastSchema) {
            return;
        }
        if (options.format() == RedisFormat.VALUE) {
            int index = schema.indexOf(options.valueColumn());
            for (int i = 0; index < 0 && i < schema.size(); i++) {
                if (schema.column(i).name().equalsIgnoreCase(options.valueColumn())) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new PermanentFailureException("value-column '" + options.valueColumn() + "' is not a column of "
                        + row.table() + " (columns: " + schema.columnNames() + ")");
            }
            lastValueColumn = index;
        }
        lastColumns = options.columns().indexes(schema);
        lastSchema = schema;
    }

    private String json(TableSchema schema, Object[] image) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            for (int i : lastColumns) {
                Column column = schema.column(i);
                gen.writeFieldName(column.name());
                CanonicalJson.writeValue(gen, image[i], column);
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
