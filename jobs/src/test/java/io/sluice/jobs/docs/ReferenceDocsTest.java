package io.sluice.jobs.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.connector.ConfigOption;
import io.sluice.jobs.config.SinkRegistry;
import io.sluice.source.config.SourceOptions;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The README's tables of sink keys are what the sink factories describe. */
class ReferenceDocsTest {

    private static final Path README = Path.of("../README.md");

    @Test
    void theReadmeTablesMatchTheDescriptors() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertThat(readme).as("README.md has a generated key table for every sink type")
                .contains(SinkRegistry.load().types().stream().map(t -> "<!-- keys: " + t + " -->").toList());
        assertThat(ReferenceDocs.render(readme, SinkRegistry.load()))
                .as("README.md's key tables differ from the sinks' option descriptors; regenerate them with "
                        + "java -cp \"jobs/target/sluice.jar:$(cat jobs/target/classpath.txt)\" io.sluice.jobs.docs.ReferenceDocs README.md")
                .isEqualTo(readme);
    }

    @Test
    void aTableListsEveryKeyWithItsDefaultAndWhatItAccepts() {
        String table = ReferenceDocs.table(SinkRegistry.load().find("elasticsearch").orElseThrow());
        assertThat(table).startsWith("| key | default | |\n|---|---|---|\n| `hosts` | required | ")
                .contains("| `password` | none | Password for basic authentication. A secret: never printed;",
                        "| `mode` | `index` | ", "One of: `index`, `upsert`.",
                        "| `bulk.bytes` | `5mb` | ", "| `bulk.interval` | `1s` | ",
                        "| `bulk.max-in-flight` | `2` | Bulk requests in flight at once before the writer waits. "
                                + "From 1 to 64 requests. |",
                        "| `index` | required | The index each document goes to. A template. |");
    }

    @Test
    void theSourceTableComesFromTheSourcesOwnDescriptors() {
        String table = ReferenceDocs.table(SourceOptions.ALL);

        assertThat(table.lines().skip(2).map(l -> l.substring(3, l.indexOf('`', 3))).toList())
                .containsExactlyElementsOf(SourceOptions.ALL.stream().map(ConfigOption::key).toList());
        assertThat(table).contains("| `startup` | `initial` | `initial` (a snapshot")
                .contains("| `port` | `3306` | From 1 to 65535. |")
                .contains("| `zero-date` | `null` | What `0000-00-00` becomes: null, or the server's text. One of: "
                        + "`null`, `string`. |");
    }

    @Test
    void aTableOfAnUnknownTypeIsAnError() {
        assertThatThrownBy(() -> ReferenceDocs.render("<!-- keys: nope -->\n<!-- end keys -->", SinkRegistry.load()))
                .hasMessage("the README has a key table for sink type 'nope', which is not registered; expected one "
                        + "of: print, redis, elasticsearch, jdbc, kafka, rabbitmq");
    }
}
