package io.sluice.source.schema;

import io.sluice.event.ColumnType;
import io.sluice.event.JsonText;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.ZeroDatePolicy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.shyiko.mysql.binlog.event.deserialization.AbstractRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import org.apache.flink.annotation.Internal;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTWriter;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * Decodes row images straight from the binlog bytes into Sluice's typed values (see {@link
 * ColumnType}), using each column's charset and signedness. This replaces the binlog client's own
 * cell decoding, which returns unsigned values as signed, decodes latin1 as UTF-8, drops
 * microseconds, mis-decodes negative TIME and turns YEAR 0 into 1900.
 */
@Internal
public final class RowDecoder {
    private static final int[] DIG_TO_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};
    /** The widest DECIMAL whose unscaled value always fits a {@code long}. */
    private static final int MAX_LONG_DECIMAL_PRECISION = 18;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final JsonFactory JSON = new JsonFactory();

    private final ZeroDatePolicy zeroDates;
    private final boolean bit1AsBoolean;

    public RowDecoder(ZeroDatePolicy zeroDates, boolean bit1AsBoolean) {
        this.zeroDates = zeroDates;
        this.bit1AsBoolean = bit1AsBoolean;
    }

    /** Reads one row image: its null bitmap, then each present, non-null column. */
    public Serializable[] decodeRow(DecodedTable t, BitSet present, ByteArrayInputStream in) throws IOException {
        int n = t.types.length;
        Serializable[] row = new Serializable[n];
        int presentCount = present.cardinality();
        BitSet nulls = in.readBitSet(presentCount, true);
        if (presentCount == n) {
            // a full row image, the common case: the i-th null bit belongs to the i-th column
            for (int i = 0; i < n; i++) {
                if (!nulls.get(i)) {
                    row[i] = (Serializable) decodeCell(t, i, in);
                }
            }
            return row;
        }
        for (int i = 0, p = 0; i < n; i++) {
            if (!present.get(i)) {
                continue;
            }
            if (!nulls.get(p++)) {
                row[i] = (Serializable) decodeCell(t, i, in);
            }
        }
        return row;
    }

    private Object decodeCell(DecodedTable t, int i, ByteArrayInputStream in) throws IOException {
        int meta = t.meta[i];
        boolean unsigned = t.schema().column(i).unsigned();
        switch (t.types[i]) {
            case BinlogTypes.TINY: {
                int v = in.read();
                return (long) (unsigned ? v : (byte) v);
            }
            case BinlogTypes.SHORT: {
                int v = in.readInteger(2);
                return (long) (unsigned ? v : (short) v);
            }
            case BinlogTypes.INT24: {
                int v = in.readInteger(3);
                return (long) (unsigned ? v : (v << 8) >> 8);
            }
            case BinlogTypes.LONG: {
                int v = in.readInteger(4);
                return unsigned ? v & 0xFFFFFFFFL : (long) v;
            }
            case BinlogTypes.LONGLONG: {
                long v = in.readLong(8);
                return unsigned && v < 0 ? BigInteger.valueOf(v).add(TWO_64) : (Object) v;
            }
            case BinlogTypes.FLOAT:
                return Float.intBitsToFloat(in.readInteger(4));
            case BinlogTypes.DOUBLE:
                return Double.longBitsToDouble(in.readLong(8));
            case BinlogTypes.NEWDECIMAL:
                return decimal(meta & 0xFF, meta >> 8, in);
            case BinlogTypes.BIT:
                return bit(t.schema().column(i).length(), in);
            case BinlogTypes.DATE:
                return date(in.readInteger(3));
            case BinlogTypes.DATETIME:
                return datetimeV1(in.readLong(8));
            case BinlogTypes.DATETIME2:
                return datetime2(bigEndian(in, 5) - 0x8000000000L, fraction(meta, in), meta);
            case BinlogTypes.TIMESTAMP:
                return timestamp(in.readLong(4), 0, 0);
            case BinlogTypes.TIMESTAMP2:
                return timestamp(bigEndian(in, 4), fraction(meta, in), meta);
            case BinlogTypes.TIME:
                return timeV1(in.readInteger(3));
            case BinlogTypes.TIME2:
                return time2(meta, in);
            case BinlogTypes.YEAR: {
                int v = in.read();
                return v == 0 ? 0L : 1900L + v;
            }
            case BinlogTypes.VARCHAR:
            case BinlogTypes.VAR_STRING:
                return text(t, i, in.read(meta < 256 ? in.read() : in.readInteger(2)));
            case BinlogTypes.STRING: {
                byte[] bytes = in.read(t.lengths[i] < 256 ? in.read() : in.readInteger(2));
                if (t.charsets[i] == null && bytes.length < t.lengths[i]) {
                    // the binlog drops a BINARY(n) value's trailing 0x00 padding; the column holds n bytes
                    bytes = Arrays.copyOf(bytes, t.lengths[i]);
                }
                return text(t, i, bytes);
            }
            case BinlogTypes.ENUM: {
                int index = in.readInteger(t.lengths[i]);
                List<String> labels = t.schema().column(i).labels();
                return index == 0 ? "" : index <= labels.size() ? labels.get(index - 1) : Integer.toString(index);
            }
            case BinlogTypes.SET:
                return set(in.readLong(t.lengths[i]), t.schema().column(i).labels());
            case BinlogTypes.TINY_BLOB:
            case BinlogTypes.MEDIUM_BLOB:
            case BinlogTypes.LONG_BLOB:
            case BinlogTypes.BLOB:
                return text(t, i, in.read(in.readInteger(meta)));
            case BinlogTypes.JSON: {
                byte[] bytes = in.read(in.readInteger(meta));
                return new JsonText(bytes.length == 0 ? "null" : JsonBinary.parseAsString(bytes));
            }
            case BinlogTypes.GEOMETRY:
                return wkt(in.read(in.readInteger(meta)));
            default:
                throw new SluiceSourceException("cannot decode binlog type " + t.types[i] + " of "
                        + t.schema().id() + "." + t.schema().column(i).name());
        }
    }

    private Object text(DecodedTable t, int i, byte[] bytes) {
        ColumnType type = t.schema().column(i).type();
        if (type == ColumnType.JSON) {
            return new JsonText(compactJson(new String(bytes, StandardCharsets.UTF_8)));
        }
        return t.charsets[i] == null ? bytes : new String(bytes, t.charsets[i]);
    }

    static Object decimal(int precision, int scale, ByteArrayInputStream in) throws IOException {
        int integral = precision - scale;
        int fullIntegral = integral / 9;
        int fullFraction = scale / 9;
        int length = (fullIntegral << 2) + DIG_TO_BYTES[integral - fullIntegral * 9]
                + (fullFraction << 2) + DIG_TO_BYTES[scale - fullFraction * 9];
        byte[] bytes = in.read(length);
        if (precision > MAX_LONG_DECIMAL_PRECISION) {
            return AbstractRowsEventDataDeserializer.asBigDecimal(precision, scale, bytes);
        }
        return BigDecimal.valueOf(unscaledDecimal(integral, scale, bytes), scale);
    }

    /**
     * The unscaled value of a binary DECIMAL of at most 18 digits, which fits a {@code long}. The
     * format: the integral digits right-aligned in 9-digit groups of 4 big-endian bytes (the
     * leading partial group shorter), then the fraction's digits left-aligned the same way; the
     * first bit set for a positive value, and every bit inverted for a negative one.
     */
    private static long unscaledDecimal(int integral, int scale, byte[] bytes) {
        int mask = (bytes[0] & 0x80) != 0 ? 0 : -1;
        bytes[0] ^= (byte) 0x80;
        int offset = 0;
        long unscaled = 0;
        int leading = integral % 9;
        if (leading > 0) {
            unscaled = group(bytes, offset, DIG_TO_BYTES[leading], mask);
            offset += DIG_TO_BYTES[leading];
        }
        for (int g = integral / 9 + scale / 9; g > 0; g--, offset += 4) {
            unscaled = unscaled * 1_000_000_000L + group(bytes, offset, 4, mask);
        }
        int trailing = scale % 9;
        if (trailing > 0) {
            unscaled = unscaled * POWERS_OF_TEN[trailing] + group(bytes, offset, DIG_TO_BYTES[trailing], mask);
        }
        return mask == 0 ? unscaled : -unscaled;
    }

    private static long group(byte[] bytes, int offset, int length, int mask) {
        int v = 0;
        for (int k = 0; k < length; k++) {
            v = (v << 8) | ((bytes[offset + k] ^ mask) & 0xFF);
        }
        return v;
    }

    private Object bit(int bits, ByteArrayInputStream in) throws IOException {
        int bytes = (bits + 7) >> 3;
        if (bits == 64) {
            return in.read(8);
        }
        long v = bigEndian(in, bytes);
        return bits == 1 && bit1AsBoolean ? (Object) (v != 0) : (Object) v;
    }

    private static long bigEndian(ByteArrayInputStream in, int length) throws IOException {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | in.read();
        }
        return v;
    }

    /** Microseconds from the 0..3 fraction bytes of a DATETIME2/TIMESTAMP2/TIME2 value. */
    private static int fraction(int fsp, ByteArrayInputStream in) throws IOException {
        return switch (fsp) {
            case 1, 2 -> (int) bigEndian(in, 1) * 10000;
            case 3, 4 -> (int) bigEndian(in, 2) * 100;
            case 5, 6 -> (int) bigEndian(in, 3);
            default -> 0;
        };
    }

    private Object date(int packed) {
        int day = packed & 31;
        int month = (packed >> 5) & 15;
        int year = packed >> 9;
        return localDate(year, month, day);
    }

    Object localDate(int year, int month, int day) {
        try {
            if (month != 0 && day != 0) {
                return LocalDate.of(year, month, day);
            }
        } catch (DateTimeException e) {
            // fall through: an invalid date is treated like a zero date
        }
        return zeroDates == ZeroDatePolicy.NULL ? null : String.format("%04d-%02d-%02d", year, month, day);
    }

    private Object datetime2(long packed, int micros, int fsp) {
        long ymdhms = packed;
        long ymd = ymdhms >> 17;
        long ym = ymd >> 5;
        int hms = (int) (ymdhms % (1 << 17));
        return localDateTime((int) (ym / 13), (int) (ym % 13), (int) (ymd % 32),
                hms >> 12, (hms >> 6) % 64, hms % 64, micros, fsp);
    }

    private Object datetimeV1(long packed) {
        long date = packed / 1000000;
        long time = packed % 1000000;
        return localDateTime((int) (date / 10000), (int) (date / 100 % 100), (int) (date % 100),
                (int) (time / 10000), (int) (time / 100 % 100), (int) (time % 100), 0, 0);
    }

    Object localDateTime(int year, int month, int day, int hour, int minute, int second, int micros, int fsp) {
        try {
            if (month != 0 && day != 0) {
                return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
            }
        } catch (DateTimeException e) {
            // fall through: an invalid date is treated like a zero date
        }
        return zeroDates == ZeroDatePolicy.NULL
                ? null
                : String.format("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second)
                        + fractionText(micros, fsp);
    }

    Object timestamp(long seconds, int micros, int fsp) {
        if (seconds == 0 && micros == 0) {
            return zeroDates == ZeroDatePolicy.NULL ? null : "0000-00-00 00:00:00" + fractionText(0, fsp);
        }
        return Instant.ofEpochSecond(seconds, micros * 1000L);
    }

    /** The {@code .123} the server prints after the seconds of a DATETIME(3)/TIMESTAMP(3), even zero ones. */
    private static String fractionText(int micros, int fsp) {
        return fsp <= 0 ? "" : "." + String.format("%06d", micros).substring(0, Math.min(fsp, 6));
    }

    private static Duration timeV1(int raw) {
        int v = (raw << 8) >> 8;
        int abs = Math.abs(v);
        Duration d = Duration.ofSeconds(abs / 10000 * 3600L + abs / 100 % 100 * 60L + abs % 100);
        return v < 0 ? d.negated() : d;
    }

    /** TIME2: MySQL's packed time (hours in 10 bits, minutes and seconds in 6) with its fraction. */
    private static Duration time2(int fsp, ByteArrayInputStream in) throws IOException {
        long packed;
        switch (fsp) {
            case 1, 2 -> {
                long intPart = bigEndian(in, 3) - 0x800000L;
                long frac = bigEndian(in, 1);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10000;
            }
            case 3, 4 -> {
                long intPart = bigEndian(in, 3) - 0x800000L;
                long frac = bigEndian(in, 2);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100;
            }
            case 5, 6 -> packed = bigEndian(in, 6) - 0x800000000000L;
            default -> packed = (bigEndian(in, 3) - 0x800000L) << 24;
        }
        boolean negative = packed < 0;
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        long micros = abs % (1L << 24);
        long seconds = ((hms >> 12) % (1 << 10)) * 3600 + ((hms >> 6) % (1 << 6)) * 60 + hms % (1 << 6);
        Duration d = Duration.ofSeconds(seconds, micros * 1000);
        return negative ? d.negated() : d;
    }

    static List<String> set(long mask, List<String> labels) {
        List<String> values = new ArrayList<>(Long.bitCount(mask));
        for (int bit = 0; bit < 64 && mask != 0; bit++) {
            if ((mask & (1L << bit)) != 0) {
                values.add(bit < labels.size() ? labels.get(bit) : Integer.toString(bit));
                mask &= ~(1L << bit);
            }
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * MariaDB's JSON is the text as written, whitespace included; events carry it compact (one line,
     * numbers exactly as written), so equal values print alike. Text that is not JSON (a column
     * wrongly taken for JSON) becomes a JSON string rather than breaking the documents it goes into.
     */
    static String compactJson(String text) {
        StringWriter out = new StringWriter(text.length());
        try (JsonParser parser = JSON.createParser(text); JsonGenerator gen = JSON.createGenerator(out)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    gen.writeNumber(parser.getText());
                } else {
                    gen.copyCurrentEvent(parser);
                }
            }
        } catch (IOException e) {
            return quoted(text);
        }
        String json = out.toString();
        return json.isEmpty() ? quoted(text) : json;
    }

    private static String quoted(String text) {
        StringWriter out = new StringWriter(text.length() + 2);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** MySQL stores geometry as a 4-byte SRID followed by WKB; events carry WKT. */
    static String wkt(byte[] bytes) {
        try {
            byte[] wkb = new byte[bytes.length - 4];
            System.arraycopy(bytes, 4, wkb, 0, wkb.length);
            Geometry g = new WKBReader().read(wkb);
            return new WKTWriter().write(g);
        } catch (ParseException | RuntimeException e) {
            throw new SluiceSourceException("cannot decode a geometry value: " + e.getMessage(), e);
        }
    }
}
