package io.sluice.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.deserialization.AbstractRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Random;

/** The parts of row decoding a real server cannot drive to every case (TypesITCase covers the rest). */
class RowDecoderTest {

    @Test
    void mariaDbJsonTextBecomesCompactWithNumbersAsWritten() {
        assertThat(RowDecoder.compactJson(" {\n \"a\" : [ 1 , 2.50, -3e2, 123456789012345678901234567890 ] ,\t\"b\":{ } }\n"))
                .isEqualTo("{\"a\":[1,2.50,-3e2,123456789012345678901234567890],\"b\":{}}");
        assertThat(RowDecoder.compactJson("\"caf\\u00e9 \\n \\\"q\\\"\"")).isEqualTo("\"café \\n \\\"q\\\"\"");
        assertThat(RowDecoder.compactJson("null")).isEqualTo("null");
    }

    @Test
    void textThatIsNotJsonBecomesAJsonString() {
        assertThat(RowDecoder.compactJson("not json")).isEqualTo("\"not json\"");
        assertThat(RowDecoder.compactJson("{\"a\":")).isEqualTo("\"{\\\"a\\\":\"");
        assertThat(RowDecoder.compactJson("")).isEqualTo("\"\"");
    }

    /**
     * DECIMAL of up to 18 digits is decoded through a {@code long}; wider ones by the binlog
     * client. Random valid encodings of every (precision, scale) up to 20 digits, both signs, must
     * decode to the client's value with the same scale.
     */
    @Test
    void decimalsDecodeLikeTheBinlogClientWithTheirScale() throws IOException {
        Random random = new Random(42);
        int[] groupBytes = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
        for (int precision = 1; precision <= 20; precision++) {
            for (int scale = 0; scale <= precision; scale++) {
                int integral = precision - scale;
                int[] digits = {integral % 9, 9, integral / 9, 9, scale / 9, scale % 9};
                for (int n = 0; n < 500; n++) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    // leading partial group, full integral groups, full fraction groups, trailing partial group
                    writeGroup(out, digits[0], groupBytes[digits[0]], random);
                    for (int g = 0; g < digits[2] + digits[4]; g++) {
                        writeGroup(out, 9, 4, random);
                    }
                    writeGroup(out, digits[5], groupBytes[digits[5]], random);
                    byte[] bytes = out.toByteArray();
                    bytes[0] ^= (byte) 0x80;
                    if (random.nextBoolean()) {
                        for (int k = 0; k < bytes.length; k++) {
                            bytes[k] = (byte) ~bytes[k];
                        }
                    }
                    BigDecimal expected = AbstractRowsEventDataDeserializer.asBigDecimal(precision, scale, bytes.clone());
                    Object actual = RowDecoder.decimal(precision, scale, new ByteArrayInputStream(bytes));
                    assertThat(actual).as("DECIMAL(%d,%d) %s", precision, scale, expected).isEqualTo(expected);
                }
            }
        }
    }

    private static void writeGroup(ByteArrayOutputStream out, int digits, int length, Random random) {
        if (digits == 0) {
            return;
        }
        long value = (long) (random.nextDouble() * Math.pow(10, digits));
        for (int k = length - 1; k >= 0; k--) {
            out.write((int) (value >>> (8 * k)));
        }
    }
}
