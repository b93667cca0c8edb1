package io.sluice.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The command line without running a job: validation, the plan, job input and usage errors. */
class SluiceCliTest {

    static final String VALID = "job: {name: orders-print}\n"
            + "source:\n"
            + "  hostname: 127.0.0.1\n"
            + "  username: cdc\n"
            + "  server-id: 5401\n"
            + "  tables: \"shop\\\\.orders\"\n"
            + "  startup: latest\n"
            + "sinks:\n"
            + "  - {type: print, from: shop.orders}\n";

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int sluice(String stdin, String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code = Sluice.execute(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        out = outBytes.toString(StandardCharsets.UTF_8);
        err = errBytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path file(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void validatePrintsThePlan() throws IOException {
        Path job = file("orders.yaml", VALID);

        assertThat(sluice("", "validate", job.toString())).isZero();

        assertThat(out).startsWith(job + ": valid\n")
                .contains("job orders-print\n", "  checkpoints      every 10s, exactly_once, in "
                        + ".sluice/checkpoints/orders-print (local runs)\n")
                .contains("source mysql cdc@127.0.0.1:3306, server-id 5401\n", "  tables           shop\\.orders\n",
                        "  startup          latest\n", "  stop at          never (runs until stopped)\n")
                .containsPattern("binlog: shop +binlog-source +1 ")
                .containsPattern("key by table\\+pk +key-by-table-pk +1 ")
                .containsPattern("sink: print stdout +sink-print-[0-9a-f]{16} +1 ");
        assertThat(err).isEmpty();
    }

    @Test
    void validateOfABadFileExitsWith2AndTheValidatorsMessages() throws IOException {
        Path job = file("bad.yaml", VALID.replace("  server-id: 5401\n", "  server-id: 5401\n  colour: blue\n")
                .replace("type: print", "type: printer"));

        assertThat(sluice("", "validate", job.toString())).isEqualTo(2);

        assertThat(err).contains(job + ":6: source.colour: unknown key 'colour'",
                job + ":10: sinks[0].type: unknown sink type 'printer'; expected one of: print, redis, "
                        + "elasticsearch, jdbc",
                "sluice: " + job + " has 2 problems; nothing was started");
        assertThat(out).isEmpty();
    }

    @Test
    void aJobThatStartsWithASnapshotIsValid() throws IOException {
        Path job = file("initial.yaml", VALID.replace("startup: latest", "startup: initial"));

        assertThat(sluice("", "validate", job.toString())).isZero();
        assertThat(out).contains("  startup          initial\n");
        assertThat(err).isEmpty();
    }

    @Test
    void aBadExpressionIsReportedWithItsLineAndColumn() throws IOException {
        Path job = file("where.yaml", VALID + "filters:\n  - {table: \"shop\\\\.orders\", where: \"amount >> 1 +\"}\n");

        assertThat(sluice("", "validate", job.toString())).isEqualTo(2);
        assertThat(err).contains(job + ":11: filters[0].where: invalid expression 'amount >> 1 +' at column 50: "
                + "parsing error in '+'");
    }

    @Test
    void runOfABadFileStartsNothing() throws IOException {
        Path job = file("bad.yaml", VALID.replace("startup: latest", "startup: sometime"));

        assertThat(sluice("", "run", job.toString(), "--web-port", "0")).isEqualTo(2);
        assertThat(err).contains(job + ":7: source.startup: unknown startup mode 'sometime'",
                "nothing was started");
        assertThat(dir.resolve(".sluice")).doesNotExist();
    }

    @Test
    void theJobMayBeGivenAsContentOrOnStdin() {
        assertThat(sluice("", "validate", "--job-yaml", VALID)).isZero();
        assertThat(out).startsWith("<--job-yaml>: valid");

        assertThat(sluice(VALID, "validate", "-")).isZero();
        assertThat(out).startsWith("<stdin>: valid");

        assertThat(sluice("job: {name: x}\n", "validate", "-")).isEqualTo(2);
        assertThat(err).contains("<stdin>:1: source: missing required key 'source' at the top level");
    }

    @Test
    void aMissingFileIsAnError() {
        assertThat(sluice("", "validate", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(err).contains(dir.resolve("nope.yaml") + ": the job file does not exist");
    }

    @Test
    void usageErrorsExitWith2() throws IOException {
        assertThat(sluice("", "validate")).isEqualTo(2);
        assertThat(err).contains("no job given: pass a job file (JOB.yaml), - to read it from stdin, or --job-yaml");

        Path job = file("orders.yaml", VALID);
        assertThat(sluice("", "validate", job.toString(), "--job-yaml", VALID)).isEqualTo(2);
        assertThat(err).contains("pass either a job file or --job-yaml, not both");

        assertThat(sluice("", "run", job.toString(), "--web-port", "70000")).isEqualTo(2);
        assertThat(err).contains("--web-port 70000 is not a port; expected 0 to 65535");

        assertThat(sluice("", "frobnicate")).isEqualTo(2);
        assertThat(err).contains("Unmatched argument at index 0: 'frobnicate'");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(sluice("", "--help")).isZero();
        assertThat(out).contains("Usage: sluice", "run", "validate");
        assertThat(sluice("", "run", "--help")).isZero();
        assertThat(out).contains("--web-port=PORT", "--checkpoint-dir=DIR", "--from-scratch", "--job-yaml=YAML");
    }
}
