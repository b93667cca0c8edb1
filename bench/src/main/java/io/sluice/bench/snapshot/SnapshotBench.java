package io.sluice.bench.snapshot;

import io.sluice.bench.FlinkCdcBuild;
import io.sluice.bench.LoadAverage;
import io.sluice.bench.Stats;
import io.sluice.bench.SummaryRow;
import io.sluice.bench.WorkerJvm;
import io.sluice.testkit.MariaDbServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario "snapshot": the initial read of a one-million-row table by Sluice and by Flink CDC 3.5's
 * MySQL source (with its defaults, and with Debezium's {@code poll.interval.ms=20}), each at
 * parallelism 1 and 2, each measurement in a fresh JVM: submission of a bounded snapshot job to its
 * end, on a local Flink cluster started before the clock. Runs alternate the order of the systems.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * mvn -B -q -f bench/flink-cdc/pom.xml package
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.sluice.bench.snapshot.SnapshotBench \
 *     [--rows=1000000] [--runs=1] [--parallelism=1,2] [--systems=sluice,cdc,cdc-tuned] [--chunk-size=8192]
 *     [--heap=1g] [--cdc-home=bench/flink-cdc] [--log-dir=DIR]
 * </pre>
 */
public final class SnapshotBench {
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    /** What reads the table. */
    public enum SnapshotSystem {
        SLUICE("sluice", "Sluice"),
        CDC("cdc", "Flink CDC 3.5, defaults"),
        CDC_TUNED("cdc-tuned", "Flink CDC 3.5, poll.interval.ms=20");

        final String name;
        final String label;

        SnapshotSystem(String name, String label) {
            this.name = name;
            this.label = label;
        }

        static SnapshotSystem of(String name) {
            for (SnapshotSystem s : values()) {
                if (s.name.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown system '" + name + "'; expected sluice, cdc or cdc-tuned");
        }
    }

    public record Case(SnapshotSystem system, int parallelism) {
        String label() {
            return system.label + ", parallelism " + parallelism;
        }
    }

    public record Result(Case c, long rows, long nanos) {
        double rate() {
            return rows / (nanos / 1e9);
        }
    }

    private SnapshotBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        long rows = Long.parseLong(o.getOrDefault("rows", "1000000"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "1"));
        int chunkSize = Integer.parseInt(o.getOrDefault("chunk-size", "8192"));
        String heap = o.getOrDefault("heap", "1g");
        Path cdcHome = o.containsKey("cdc-home") ? Path.of(o.get("cdc-home")) : FlinkCdcBuild.DEFAULT_HOME;
        Path logs = o.containsKey("log-dir") ? Files.createDirectories(Path.of(o.get("log-dir")))
                : Files.createTempDirectory("sluice-snapshot-bench-");
        List<Case> cases = cases(List.of(o.getOrDefault("systems", "sluice,cdc,cdc-tuned").split(",")),
                Arrays.stream(o.getOrDefault("parallelism", "1,2").split(",")).map(p -> Integer.parseInt(p.trim()))
                        .toList());
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = LoadAverage.now();
        Outcome outcome = run(rows, runs, cases, chunkSize, heap, cdcHome, logs);
        String loadAfter = LoadAverage.now();
        System.out.println(report(started, outcome.version(), outcome.table(), runs, chunkSize, heap, loadBefore,
                loadAfter, cases, outcome.results(), logs));
        System.exit(outcome.complete() ? 0 : 1);
    }

    /** What {@link #run} measured: every case once per run. */
    public record Outcome(String version, SnapshotTable table, List<Case> cases, List<Result> results) {
        /** True when every read returned every row of the table. */
        public boolean complete() {
            return results.stream().allMatch(r -> r.rows() == table.rows());
        }

        /** One row per case for {@code bench all}: the median rate over the runs and its spread. */
        public List<SummaryRow> rows() {
            List<SummaryRow> rows = new ArrayList<>();
            for (Case c : cases) {
                List<Double> rates = results.stream().filter(r -> r.c().equals(c)).map(Result::rate).toList();
                rows.add(SummaryRow.throughput("snapshot", c.label(), Stats.of(rates), -1,
                        String.format(Locale.ROOT, "%,d-row table", table.rows())));
            }
            return rows;
        }
    }

    /** Fills a table of {@code rows} rows on a private MariaDB and measures every case once per run. */
    public static Outcome run(long rows, int runs, List<Case> cases, int chunkSize, String heap, Path cdcHome,
            Path logs) throws Exception {
        String cdcClasspath = cases.stream().anyMatch(c -> c.system != SnapshotSystem.SLUICE)
                ? FlinkCdcBuild.classpath(cdcHome) : "";
        List<Result> results = new ArrayList<>();
        try (MariaDbServer server = MariaDbServer.builder().extraArgs("--innodb-buffer-pool-size=512M").start()) {
            String version = serverVersion(server);
            System.err.printf("MariaDB %s on port %d; writing %,d rows%n", version, server.port(), rows);
            long t0 = System.nanoTime();
            SnapshotTable table = SnapshotTable.create(server, rows);
            System.err.printf("wrote %s.%s (%,d bytes of data) in %.1f s%n", table.database(), table.table(),
                    table.bytes(), (System.nanoTime() - t0) / 1e9);
            long serverId = 7300;
            for (int run = 1; run <= runs; run++) {
                List<Case> order = new ArrayList<>(cases);
                if (run % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Case c : order) {
                    Result r = measure(c, server, table, chunkSize, heap, cdcClasspath, serverId, logs, run);
                    serverId += 10;
                    System.err.printf(Locale.ROOT, "run %d %-45s %,10d rows in %7.2f s = %,10.0f rows/s%n", run,
                            c.label(), r.rows(), r.nanos() / 1e9, r.rate());
                    results.add(r);
                }
            }
            return new Outcome(version, table, List.copyOf(cases), results);
        }
    }

    /** The cases of {@code systems} (sluice, cdc, cdc-tuned) at each parallelism. */
    public static List<Case> cases(List<String> systems, List<Integer> parallelisms) {
        List<Case> cases = new ArrayList<>();
        for (String system : systems) {
            for (int p : parallelisms) {
                cases.add(new Case(SnapshotSystem.of(system.trim()), p));
            }
        }
        return cases;
    }

    static Result measure(Case c, MariaDbServer server, SnapshotTable table, int chunkSize, String heap,
            String cdcClasspath, long serverId, Path logs, int run) throws IOException, InterruptedException {
        List<String> common = List.of(server.host(), String.valueOf(server.port()), server.user(), server.password(),
                table.database(), table.table(), String.valueOf(c.parallelism()), String.valueOf(serverId));
        List<String> args = new ArrayList<>(common);
        List<String> command = switch (c.system()) {
            case SLUICE -> {
                args.add(String.valueOf(chunkSize));
                yield WorkerJvm.command(List.of("-Xmx" + heap), System.getProperty("java.class.path"),
                        SluiceSnapshotWorker.class.getName(), args);
            }
            case CDC, CDC_TUNED -> {
                args.add(c.system() == SnapshotSystem.CDC_TUNED ? "20" : "0");
                args.add("0");
                yield WorkerJvm.command(List.of("-Xmx" + heap), cdcClasspath, "io.sluice.bench.cdc.FlinkCdcSnapshotWorker",
                        args);
            }
        };
        Path log = logs.resolve("run" + run + "-" + c.system().name + "-p" + c.parallelism() + ".log");
        Process process = WorkerJvm.start(command, log);
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(c.label() + " did not finish within " + TIMEOUT + "; see " + log);
        }
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("RESULT ")) {
                Map<String, String> f = options(lines.get(i).substring(7).split(" "));
                return new Result(c, Long.parseLong(f.get("rows")), Long.parseLong(f.get("nanos")));
            }
        }
        throw new IllegalStateException(c.label() + " exited with " + process.exitValue() + " and no result; see " + log
                + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
    }

    static String report(OffsetDateTime started, String version, SnapshotTable table, int runs, int chunkSize,
            String heap, String loadBefore, String loadAfter, List<Case> cases, List<Result> results, Path logs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "started %s; %d cores; Java %s; MariaDB %s; load average before %s, after %s%n",
                started, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), version,
                loadBefore, loadAfter));
        sb.append(String.format(Locale.ROOT, "table: %,d rows, 10 columns, %,d bytes of InnoDB data; %d run(s);"
                        + " worker JVMs -Xmx%s; Sluice chunk size %d; worker logs in %s%n%n",
                table.rows(), table.bytes(), runs, heap, chunkSize, logs));
        sb.append("| system | parallelism | rows | seconds (median) | rows/s (median) | rows/s per run |\n");
        sb.append("|---|---:|---:|---:|---:|---|\n");
        Map<Case, Double> medians = new LinkedHashMap<>();
        for (Case c : cases) {
            List<Result> mine = results.stream().filter(r -> r.c().equals(c)).toList();
            double[] rates = mine.stream().mapToDouble(Result::rate).sorted().toArray();
            double[] secs = mine.stream().mapToDouble(r -> r.nanos() / 1e9).sorted().toArray();
            double rate = median(rates);
            medians.put(c, rate);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.2f | %,.0f | %s |%n", c.system().label,
                    c.parallelism(), mine.get(0).rows(), median(secs), rate,
                    String.join(", ", mine.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.rate())).toList())));
        }
        sb.append('\n');
        for (Case c : cases) {
            if (c.system() != SnapshotSystem.SLUICE) {
                continue;
            }
            Double cdc = medians.get(new Case(SnapshotSystem.CDC, c.parallelism()));
            Double tuned = medians.get(new Case(SnapshotSystem.CDC_TUNED, c.parallelism()));
            double sluice = medians.get(c);
            if (cdc != null) {
                sb.append(String.format(Locale.ROOT, "parallelism %d: Sluice / Flink CDC defaults = %.1fx (target 5x: %s)%n",
                        c.parallelism(), sluice / cdc, sluice >= 5 * cdc ? "met" : "NOT met"));
            }
            if (tuned != null) {
                sb.append(String.format(Locale.ROOT,
                        "parallelism %d: Sluice / Flink CDC poll.interval.ms=20 = %.1fx (target > 1x: %s)%n",
                        c.parallelism(), sluice / tuned, sluice > tuned ? "met" : "NOT met"));
            }
        }
        return sb.toString();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String a : args) {
            String s = a.startsWith("--") ? a.substring(2) : a;
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got '" + a + "'; see " + Arrays.asList(
                        "rows", "runs", "parallelism", "systems", "chunk-size", "heap", "cdc-home", "log-dir"));
            }
            o.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return o;
    }

    private static String serverVersion(MariaDbServer server) throws java.sql.SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
