package io.sluice.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
