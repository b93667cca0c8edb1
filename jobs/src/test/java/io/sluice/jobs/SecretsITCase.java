package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.cli.Sluice;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.RedisServer;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jobs that fail on credentials, with the secrets in every place a job file takes them: the
 * failure messages on the console and everything logged while the job ran never hold a secret.
 */
class SecretsITCase {
    private final MariaDbServer db = MariaDbServer.shared();
    private final StringWriter logged = new StringWriter();
    private WriterAppender capture;
    private Level rootLevel;

    /** Every log event at INFO and above goes to {@link #logged}; the console keeps its own level. */
    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        rootLevel = root.getLevel();
        for (Appender console : List.copyOf(root.getAppenders().values())) {
            root.removeAppender(console.getName());
            root.addAppender(console, rootLevel, null);
        }
        capture = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%m %ex%n").build(), null,
                logged, "secrets-capture", false, true);
        capture.start();
        config.addAppender(capture);
        root.addAppender(capture, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender("secrets-capture");
        root.setLevel(rootLevel);
        context.updateLoggers();
        capture.stop();
    }

    /**
     * Runs a job (no restarts) over one new row, with {@code sinks} ({@code %s} for the source's
     * table pattern), and returns what the console and the logs showed.
     */
    private String run(String sinks, String sourcePassword) {
        String schema = db.createDatabase("secrets");
        db.execute(schema, "CREATE TABLE t (id INT PRIMARY KEY)");
        String start = db.binlogEndAsStartup();
        db.execute(schema, "INSERT INTO t VALUES (1)");
        String tables = schema + "\\\\..*";
        String yaml = "job: {name: secrets, parallelism: 1, restart: none}\n"
                + "source: {hostname: " + db.host() + ", port: " + db.port() + ", username: " + db.user()
                + ", password: \"" + sourcePassword + "\", server-id: 9500, tables: \"" + tables + "\","
                + " startup: " + start + ", stop-at: latest}\n"
                + "sinks:\n" + sinks.replace("%s", tables);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Sluice.execute(new String[] {"run", "--job-yaml", yaml}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        assertThat(code).as("the job fails on the wrong credentials").isNotZero();
        assertThat(logged.toString()).as("the job's log was captured").contains("secrets");
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8) + logged;
    }

    @Test
    void aWrongSourcePasswordIsNeverShown() {
        String shown = run("  - {type: print, from: \"%s\"}\n", "Src-S3cret-7731");

        assertThat(shown).contains("Access denied").doesNotContain("Src-S3cret-7731");
    }

    @Test
    void jdbcPasswordsInTheUrlOrItsKeyAreNeverShown() {
        String url = "jdbc:mysql://" + db.host() + ":" + db.port() + "/report?user=nobody&password=Url-S3cret-4410";
        String shown = run("  - {type: jdbc, from: \"%s\", url: \"" + url + "\", password: Key-S3cret-9922,"
                + " table: t}\n", db.password());

        assertThat(shown).contains("Access denied").doesNotContain("Url-S3cret-4410").doesNotContain("Key-S3cret-9922");
    }

    @Test
    void aMalformedJdbcUrlWithAPasswordIsNeverShown() {
        String url = "jdbc:mysql://nobody:Bad-S3cret-5150@" + db.host() + ":notaport/report";
        String shown = run("  - {type: jdbc, from: \"%s\", url: \"" + url + "\", table: t}\n",
                db.password());

        assertThat(shown).contains("notaport").doesNotContain("Bad-S3cret-5150");
    }

    @Test
    void aWrongRedisPasswordIsNeverShown() {
        RedisServer redis = RedisServer.shared();
        String shown = run("  - {type: redis, from: \"%s\", host: " + redis.host() + ", port: "
                + redis.port() + ", username: nobody, password: Redis-S3cret-8080, key: \"k:{id}\"}\n", db.password());

        assertThat(shown).contains("WRONGPASS").doesNotContain("Redis-S3cret-8080");
    }
}
