package io.sluice.source.schema;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.SluiceSourceException;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import org.apache.flink.annotation.Internal;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A table as the row decoder needs it: the schema events carry, and per column the binlog type,
 * metadata and charset. Built once per TABLE_MAP that differs from the last one of its table id.
 */
@Internal
public final class DecodedTable {
    private final TableSchema schema;
    private final String db;
    private final String table;
    private final byte[] rawTypes;
    private final int[] rawMeta;
    final int[] types;
    final int[] meta;
    final int[] lengths;
    final Charset[] charsets;

    private DecodedTable(TableMapEventData tm, TableSchema schema, int[] types, int[] meta, int[] lengths, Charset[] charsets) {
        this.schema = schema;
        this.db = tm.getDatabase();
        this.table = tm.getTable();
        this.rawTypes = tm.getColumnTypes();
        this.rawMeta = tm.getColumnMetadata();
        this.types = types;
        this.meta = meta;
        this.lengths = lengths;
        this.charsets = charsets;
    }

    /** Null for a table the filter excludes: its rows are skipped without decoding. */
    public TableSchema schema() {
        return schema;
    }

    public boolean excluded() {
        return schema == null;
    }

    /** True when a new TABLE_MAP for the same id describes the same table and columns. */
    public boolean sameAs(TableMapEventData tm) {
        return db.equals(tm.getDatabase()) && table.equals(tm.getTable())
                && Arrays.equals(rawTypes, tm.getColumnTypes()) && Arrays.equals(rawMeta, tm.getColumnMetadata());
    }

    public static DecodedTable excluded(TableMapEventData tm) {
        return new DecodedTable(tm, null, null, null, null, null);
    }

    /**
     * Builds the table from a TABLE_MAP, taking names, signedness, charsets, labels and the key
     * from its full metadata when present, else from {@code known} (information_schema or state).
     */
    public static DecodedTable build(
            TableMapEventData tm, TableSchema known, List<String> configuredKey, Charsets charsetOf, boolean bit1AsBoolean) {
        TableId id = new TableId(tm.getDatabase(), tm.getTable());
        byte[] rawTypes = tm.getColumnTypes();
        int n = rawTypes.length;
        TableMapEventMetadata md = tm.getEventMetadata();
        boolean full = md != null && md.getColumnNames() != null && !md.getColumnNames().isEmpty();
        if (!full && known == null) {
            throw new SluiceSourceException(
                    "cannot name the columns of " + id + ": the binlog has no column names"
                            + " (binlog_row_metadata is not FULL) and information_schema has no such table."
                            + " Set binlog_row_metadata=FULL on the server (MySQL 8.0.1+, MariaDB 10.5+).");
        }
        if (!full && known.size() != n) {
            throw new SluiceSourceException(
                    "table " + id + " has " + n + " columns in the binlog but " + known.size()
                            + " in the schema Sluice knows (" + known.columnNames() + "): the table was altered"
                            + " after these changes were written. Set binlog_row_metadata=FULL on the server, or"
                            + " start from a position after the ALTER TABLE.");
        }
        int[] types = new int[n];
        int[] meta = new int[n];
        int[] lengths = new int[n];
        Charset[] charsets = new Charset[n];
        List<Column> columns = new ArrayList<>(n);
        int characterIndex = 0;
        int enumIndex = 0;
        int setIndex = 0;
        int enumOrSetIndex = 0;
        for (int i = 0; i < n; i++) {
            int type = rawTypes[i] & 0xFF;
            int m = tm.getColumnMetadata()[i];
            int length = 0;
            if (type == BinlogTypes.STRING) {
                // the real type of CHAR/BINARY/ENUM/SET hides in the metadata (MySQL's log_event.cc)
                if (m >= 256) {
                    int byte0 = m >> 8;
                    if ((byte0 & 0x30) != 0x30) {
                        length = (m & 0xFF) | (((byte0 & 0x30) ^ 0x30) << 4);
                        type = byte0 | 0x30;
                    } else {
                        if (byte0 == BinlogTypes.ENUM || byte0 == BinlogTypes.SET) {
                            type = byte0;
                        }
                        length = m & 0xFF;
                    }
                } else {
                    length = m;
                }
            }
            types[i] = type;
            meta[i] = m;
            lengths[i] = length;
            Column previous = known == null ? null : known.column(i);
            String name = full ? md.getColumnNames().get(i) : previous.name();
            boolean unsigned = full
                    ? md.getSignedness() != null && md.getSignedness().get(i)
                    : previous.unsigned();
            Charset charset = null;
            if (BinlogTypes.isCharacter(type)) {
                charset = full ? charsetOf.forCollation(collation(md, characterIndex)) : charsetOf(previous);
                characterIndex++;
            }
            List<String> labels = List.of();
            if (type == BinlogTypes.ENUM || type == BinlogTypes.SET) {
                List<String[]> all = type == BinlogTypes.ENUM ? md == null ? null : md.getEnumStrValues()
                        : md == null ? null : md.getSetStrValues();
                int index = type == BinlogTypes.ENUM ? enumIndex++ : setIndex++;
                labels = full && all != null
                        ? binlogLabels(all.get(index), enumOrSetCollation(md, enumOrSetIndex), charsetOf, previous, name)
                        : previous.labels();
                enumOrSetIndex++;
            }
            boolean json = previous != null && previous.type() == ColumnType.JSON && name.equals(previous.name());
            ColumnType logical = logicalType(id, name, type, m, charset, json, bit1AsBoolean);
            if (logical == ColumnType.STRING && charset == null) {
                logical = ColumnType.BINARY;
            }
            if (logical == ColumnType.JSON) {
                charset = null;
            }
            charsets[i] = charset;
            columns.add(new Column(name, logical, unsigned, columnLength(type, m, length), scale(type, m),
                    charset == null ? null : charset.name(), labels));
        }
        List<String> key = full ? primaryKey(md, columns) : known.keyColumns();
        if (key.isEmpty() && configuredKey != null) {
            key = configuredKey;
        }
        return new DecodedTable(tm, new TableSchema(id, columns, key), types, meta, lengths, charsets);
    }

    private static Charset charsetOf(Column previous) {
        return previous.charset() == null ? null : Charset.forName(previous.charset());
    }

    private static int collation(TableMapEventMetadata md, int characterIndex) {
        return collation(md.getColumnCharsets(), md.getDefaultCharset(), characterIndex, Charsets.BINARY_COLLATION);
    }

    /** The collation of the n-th ENUM or SET column, or -1 when the metadata does not say. */
    private static int enumOrSetCollation(TableMapEventMetadata md, int enumOrSetIndex) {
        return collation(md.getEnumAndSetColumnCharsets(), md.getEnumAndSetDefaultCharset(), enumOrSetIndex, -1);
    }

    private static int collation(
            List<Integer> perColumn, TableMapEventMetadata.DefaultCharset dc, int index, int unknown) {
        if (perColumn != null && index < perColumn.size()) {
            return perColumn.get(index);
        }
        if (dc == null) {
            return unknown;
        }
        Map<Integer, Integer> overrides = dc.getCharsetCollations();
        if (overrides != null && overrides.containsKey(index)) {
            return overrides.get(index);
        }
        return dc.getDefaultCharsetCollation();
    }

    /**
     * ENUM/SET labels from the full row metadata. The binlog client decodes them with the JVM's
     * default charset, which garbles labels in another charset (latin1 on a UTF-8 JVM) beyond
     * repair; those are taken from information_schema instead, when it knows the same column with
     * as many labels. (information_schema in turn turns 4-byte characters into '?', so labels in
     * the default charset are kept from the binlog.)
     */
    private static List<String> binlogLabels(
            String[] decoded, int collation, Charsets charsetOf, Column previous, String name) {
        List<String> labels = List.of(decoded);
        boolean ascii = labels.stream().allMatch(l -> l.chars().allMatch(ch -> ch < 0x80));
        boolean defaultCharset = collation >= 0 && collation != Charsets.BINARY_COLLATION
                && Charset.defaultCharset().equals(charsetOf.forCollation(collation));
        if (ascii || defaultCharset || previous == null || !previous.name().equals(name)
                || previous.labels().size() != labels.size()) {
            return labels;
        }
        return previous.labels();
    }

    private static List<String> primaryKey(TableMapEventMetadata md, List<Column> columns) {
        List<String> key = new ArrayList<>();
        if (md.getSimplePrimaryKeys() != null) {
            for (int index : md.getSimplePrimaryKeys()) {
                key.add(columns.get(index).name());
            }
        } else if (md.getPrimaryKeysWithPrefix() != null) {
            for (int index : md.getPrimaryKeysWithPrefix().keySet()) {
                key.add(columns.get(index).name());
            }
        }
        return key;
    }

    private static ColumnType logicalType(
            TableId id, String column, int type, int meta, Charset charset, boolean json, boolean bit1AsBoolean) {
        return switch (type) {
            case BinlogTypes.TINY -> ColumnType.TINYINT;
            case BinlogTypes.SHORT -> ColumnType.SMALLINT;
            case BinlogTypes.INT24 -> ColumnType.MEDIUMINT;
            case BinlogTypes.LONG -> ColumnType.INT;
            case BinlogTypes.LONGLONG -> ColumnType.BIGINT;
            case BinlogTypes.NEWDECIMAL -> ColumnType.DECIMAL;
            case BinlogTypes.FLOAT -> ColumnType.FLOAT;
            case BinlogTypes.DOUBLE -> ColumnType.DOUBLE;
            case BinlogTypes.BIT -> ColumnType.BIT;
            case BinlogTypes.DATE -> ColumnType.DATE;
            case BinlogTypes.DATETIME, BinlogTypes.DATETIME2 -> ColumnType.DATETIME;
            case BinlogTypes.TIMESTAMP, BinlogTypes.TIMESTAMP2 -> ColumnType.TIMESTAMP;
            case BinlogTypes.TIME, BinlogTypes.TIME2 -> ColumnType.TIME;
            case BinlogTypes.YEAR -> ColumnType.YEAR;
            case BinlogTypes.ENUM -> ColumnType.ENUM;
            case BinlogTypes.SET -> ColumnType.SET;
            case BinlogTypes.JSON -> ColumnType.JSON;
            case BinlogTypes.GEOMETRY -> ColumnType.GEOMETRY;
            case BinlogTypes.VARCHAR, BinlogTypes.VAR_STRING, BinlogTypes.STRING -> charset == null ? ColumnType.BINARY : ColumnType.STRING;
            case BinlogTypes.TINY_BLOB, BinlogTypes.MEDIUM_BLOB, BinlogTypes.LONG_BLOB, BinlogTypes.BLOB ->
                    json ? ColumnType.JSON : charset == null ? ColumnType.BINARY : ColumnType.STRING;
            default -> throw new SluiceSourceException(
                    "column " + id + "." + column + " has binlog column type " + BinlogTypes.name(type)
                            + ", which Sluice cannot decode; supported are the integer, DECIMAL, FLOAT, DOUBLE, BIT,"
                            + " date and time, string, binary, ENUM, SET, JSON and geometry types");
        };
    }

    private static int scale(int type, int meta) {
        return switch (type) {
            case BinlogTypes.NEWDECIMAL -> meta >> 8;
            case BinlogTypes.DATETIME2, BinlogTypes.TIMESTAMP2, BinlogTypes.TIME2 -> meta;
            default -> 0;
        };
    }

    private static int columnLength(int type, int meta, int stringLength) {
        return switch (type) {
            case BinlogTypes.BIT -> (meta >> 8) * 8 + (meta & 0xFF);
            case BinlogTypes.NEWDECIMAL -> meta & 0xFF;
            case BinlogTypes.VARCHAR, BinlogTypes.VAR_STRING -> meta;
            case BinlogTypes.STRING -> stringLength;
            default -> 0;
        };
    }
}
