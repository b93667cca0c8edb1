package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The logical type of a column, which fixes the Java type of its values and their canonical JSON.
 *
 * <table>
 *   <tr><th>type</th><th>Java value</th></tr>
 *   <tr><td>TINYINT..BIGINT, YEAR</td><td>{@link Long}; {@link java.math.BigInteger} only for a BIGINT UNSIGNED above Long.MAX_VALUE</td></tr>
 *   <tr><td>DECIMAL</td><td>{@link java.math.BigDecimal} with the column's scale</td></tr>
 *   <tr><td>FLOAT / DOUBLE</td><td>{@link Float} / {@link Double}</td></tr>
 *   <tr><td>BIT</td><td>{@link Long} for up to 63 bits, {@code byte[]} (big-endian) for 64, {@link Boolean} for BIT(1) by option</td></tr>
 *   <tr><td>DATE / DATETIME / TIMESTAMP</td><td>{@link java.time.LocalDate} / {@link java.time.LocalDateTime} / {@link java.time.Instant}</td></tr>
 *   <tr><td>TIME</td><td>{@link java.time.Duration} (signed, may exceed 24 h)</td></tr>
 *   <tr><td>STRING (CHAR, VARCHAR, TEXT), ENUM, GEOMETRY (WKT)</td><td>{@link String}</td></tr>
 *   <tr><td>BINARY (BINARY, VARBINARY, BLOB)</td><td>{@code byte[]}</td></tr>
 *   <tr><td>SET</td><td>{@code List<String>}</td></tr>
 *   <tr><td>JSON</td><td>{@link JsonText}</td></tr>
 * </table>
 *
 * <p>A zero date ({@code 0000-00-00}) is {@code null}, or the server's text as a {@link String}
 * when the source is configured to keep it.
 */
@PublicEvolving
public enum ColumnType {
    TINYINT,
    SMALLINT,
    MEDIUMINT,
    INT,
    BIGINT,
    DECIMAL,
    FLOAT,
    DOUBLE,
    BIT,
    DATE,
    DATETIME,
    TIMESTAMP,
    TIME,
    YEAR,
    STRING,
    BINARY,
    ENUM,
    SET,
    JSON,
    GEOMETRY;

    private static final ColumnType[] VALUES = values();

    static ColumnType byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public boolean isInteger() {
        return ordinal() <= BIGINT.ordinal() || this == YEAR;
    }

    public boolean isTemporal() {
        return this == DATE || this == DATETIME || this == TIMESTAMP || this == TIME;
    }
}
