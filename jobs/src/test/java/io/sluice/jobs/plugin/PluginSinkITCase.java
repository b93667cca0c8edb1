package io.sluice.jobs.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.jobs.cli.Sluice;
import io.sluice.jobs.config.ConfigError;
import io.sluice.jobs.config.JobConfigException;
import io.sluice.jobs.config.JobFiles;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A sink type added as one package and one service entry, with nothing in the job module
 * naming it: the job file accepts it only when its service entry is on the class path, checks
 * its keys by its descriptors, and runs it.
 */
class PluginSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final String HEAD = "job: {name: plug}\n"
            + "source: {hostname: 127.0.0.1, username: root, server-id: 9300, tables: \"a\\\\.t\", startup: latest}\n";

    @Test
    void withoutItsServiceEntryTheTypeIsUnknown() {
        assertThat(errors(HEAD + "sinks: [{type: collect, from: a.t, into: x, label: \"{id}\"}]\n")).containsExactly(
                "t.yaml:3: sinks[0].type: unknown sink type 'collect'; expected one of: print, redis, elasticsearch, "
                        + "jdbc, kafka, rabbitmq");
    }

    @Test
    void itsKeysAreCheckedByItsDescriptors() throws Exception {
        withPlugin(() -> {
            assertThat(errors(HEAD + "sinks: [{type: collect, from: a.t, label: \"{id}\", lmit: 3}]\n"))
                    .containsExactlyInAnyOrder(
                            "t.yaml:3: sinks[0].lmit: unknown key 'lmit' in block 'sinks[0]' (did you mean 'limit'?); "
                                    + "allowed keys: type, name, from, error-policy, into, label, limit",
                            "t.yaml:3: sinks[0].into: missing required key 'into' in block 'sinks[0]'; expected a "
                                    + "collection name");
            assertThat(errors(HEAD + "sinks: [{type: collect, from: a.t, into: x, label: \"{id}\", limit: 0}]\n"))
                    .containsExactly("t.yaml:3: sinks[0].limit: 0 is out of range; expected an integer from 1 to 1000");
            assertThat(errors(HEAD + "sinks: [{type: collect, from: a.t, into: x, label: \"{id\"}]\n"))
                    .singleElement().asString()
                    .startsWith("t.yaml:3: sinks[0].label: invalid template '{id' at column 53: ");
            assertThat(errors(HEAD + "sinks: [{type: collect, from: a.t, into: x, label: \"{id}\", limit: 1}]\n"))
                    .containsExactly("t.yaml:3: sinks[0].limit: a limit below 2 collects one row; expected 2 or more "
                            + "with a label template");
            return null;
        });
    }

    @Test
    void aJobRunsIt() throws Exception {
        MariaDbServer db = MariaDbServer.shared();
        String schema = db.createDatabase("plugin");
        db.execute(schema, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
        String start = db.binlogEndAsStartup();
        db.execute(schema, "INSERT INTO t VALUES (1, 'a'), (2, 'b')", "UPDATE t SET v = 'c' WHERE id = 2",
                "DELETE FROM t WHERE id = 1");
        String yaml = "job: {name: plug, parallelism: 1, restart: none}\n"
                + "source: {hostname: " + db.host() + ", port: " + db.port() + ", username: root, server-id: 9301, "
                + "tables: \"" + schema + "\\\\.t\", startup: " + start + ", "
                + "stop-at: latest}\n"
                + "sinks: [{type: collect, from: " + schema + ".t, into: " + schema + ", label: \"row-{id}-{v}\"}]\n";
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = withPlugin(() -> Sluice.execute(new String[] {"run", "--job-yaml", yaml}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0])));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(CollectingSinkFactory.COLLECTED.get(schema))
                .containsExactly("c row-1-a", "c row-2-b", "u row-2-c", "d row-1-a");
    }

    private static List<String> errors(String yaml) {
        JobConfigException e = catchThrowableOfType(() -> JobFiles.parse(yaml, "t.yaml", Map.of()),
                JobConfigException.class);
        assertThat(e).as("the job file is accepted").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    /** Runs {@code body} with the test plug-in's service entry visible to the thread's context class loader. */
    private static <T> T withPlugin(Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        URL plugin = Path.of("src/test/plugin").toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {plugin}, previous)) {
            thread.setContextClassLoader(loader);
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
