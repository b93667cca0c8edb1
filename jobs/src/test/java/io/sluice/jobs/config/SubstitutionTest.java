package io.sluice.jobs.config;

import io.sluice.core.connector.Secret;

import io.sluice.core.failure.ErrorPolicy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ${env:...}} and {@code ${file:...}} in values, and secrets that never print. */
class SubstitutionTest {

    @TempDir
    Path dir;

    private Substitution substitution() {
        return new Substitution(Map.of("HOST", "db1", "PW", "p@ss"), dir);
    }

    @Test
    void replacesVariablesAnywhereInAValue() {
        assertThat(substitution().apply("jdbc:mysql://${env:HOST}:3306/x"))
                .isEqualTo(new Substitution.Result("jdbc:mysql://db1:3306/x", true));
        assertThat(substitution().apply("plain")).isEqualTo(new Substitution.Result("plain", false));
    }

    @Test
    void aVariableMayHaveADefault() {
        assertThat(substitution().apply("${env:HOST:-localhost}:${env:PORT:-3306}").text()).isEqualTo("db1:3306");
        assertThat(substitution().apply("${env:NOPE:-}").text()).isEmpty();
    }

    @Test
    void readsFilesRelativeToTheJobFileWithoutTrailingLineBreaks() throws IOException {
        Files.writeString(dir.resolve("pw"), "from-file\r\n\n");
        assertThat(substitution().apply("${file:pw}").text()).isEqualTo("from-file");
        assertThat(substitution().apply("${file:" + dir.resolve("pw") + "}").text()).isEqualTo("from-file");
    }

    @Test
    void doubledDollarIsALiteral() {
        assertThat(substitution().apply("cost: $${env:HOST}")).isEqualTo(new Substitution.Result("cost: ${env:HOST}",
                false));
    }

    @Test
    void errorsNameTheReferenceButNotValues() {
        assertThatThrownBy(() -> substitution().apply("${env:NOPE}"))
                .hasMessage("environment variable 'NOPE' is not set (referenced as ${env:NOPE}); "
                        + "set it, or write the value here");
        assertThatThrownBy(() -> substitution().apply("x${env:HOST"))
                .hasMessage("unclosed '${' in the value; expected ${env:NAME}, ${env:NAME:-default} or ${file:/path} "
                        + "(write $${ for a literal ${)");
        assertThatThrownBy(() -> substitution().apply("${env:}"))
                .hasMessage("'${env:}' names no variable; expected ${env:NAME}, ${env:NAME:-default} or ${file:/path} "
                        + "(write $${ for a literal ${)");
    }

    @Test
    void secretsPrintAsMask() {
        Secret secret = Secret.of("p@ss");
        assertThat(secret).hasToString("******");
        assertThat(secret.reveal()).isEqualTo("p@ss");
        assertThat(secret).isEqualTo(Secret.of("p@ss"));
    }

    @Test
    void jdbcUrlPasswordsAreMaskedWhenPrinted() {
        SinkConfig sink = SinkConfig.of("jdbc", java.util.Optional.empty(), "a.b", ErrorPolicy.FAIL, Map.of(
                "url", "jdbc:mysql://h/r?user=x&password=p@ss&ssl=true", "password", Secret.of("p@ss"), "table", "t"));
        assertThat(sink.toString()).doesNotContain("p@ss").contains("password=******&ssl=true");
    }
}
