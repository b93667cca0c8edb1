package io.sluice.bench.job;

import io.sluice.bench.Stats;
import io.sluice.bench.SummaryRow;
import io.sluice.bench.WorkerJvm;
import io.sluice.sinks.elasticsearch.BulkOptions;
import io.sluice.sinks.jdbc.JdbcSinkBuilder;
import io.sluice.sinks.redis.RedisSinkBuilder;
import io.sluice.testkit.ElasticsearchServer;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.RedisServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Scenario 3, end-to-end latency: a writer commits rows at a steady rate on the source, a Sluice
 * job (parallelism 1, startup latest) keeps Redis, Elasticsearch and a MariaDB table in step, and
 * an observer per target notes when each row can be read there. A row's latency is the time from
 * the return of its transaction's commit to the first observation that sees it; both times are
 * taken with {@link System#nanoTime()} in this JVM. An observer polls in a loop (a search
 * over the ids committed but not yet seen), so a latency is late by at most one observation cycle,
 * whose mean length is reported.
 *
 * <p>Sluice's sinks write when a batch is full, when their flush interval passes, and on every
 * checkpoint; the latency follows those settings, which the report lists. Rows of the first
 * seconds (the warm-up) are written but left out of the percentiles, and so are whole warm-up
 * runs made first (by default one: the servers' first writes are slow). Each run starts a fresh job
 * in a fresh {@link JobWorker} JVM on the same servers, with empty targets.
 */
public final class LatencyScenario {
    static final String SCENARIO = "latency";
    private static final int BATCHES_PER_SECOND = 100;
    /** The observers' pause between two observations of a target. */
    static final long POLL_PAUSE_MILLIS = 5;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @param rate rows per second the writer commits, in 100 transactions a second
     * @param seconds how long the writer writes, per run
     * @param warmupSeconds rows of the first seconds left out of the percentiles
     * @param checkpointInterval the job's checkpoint interval
     * @param warmupRuns whole runs made first and left out (printed as runs 0, -1, ...)
     */
    public record Settings(int rate, int seconds, int warmupSeconds, int runs, int warmupRuns,
            Duration checkpointInterval, String heap, Path logDir) {
        public Settings {
            if (warmupRuns < 0) {
                throw new IllegalArgumentException("warm-up runs must not be negative, got " + warmupRuns);
            }
            if (rate < BATCHES_PER_SECOND) {
                throw new IllegalArgumentException("rate must be at least " + BATCHES_PER_SECOND + " rows/s, got " + rate);
            }
            if (seconds <= warmupSeconds || warmupSeconds < 0) {
                throw new IllegalArgumentException("seconds (" + seconds + ") must exceed the warm-up seconds ("
                        + warmupSeconds + "), which must not be negative");
            }
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
        }
    }

    /** One target's latencies in one run, in milliseconds. */
    public record TargetRun(String target, double p50, double p99, double max, long rows, long held,
            double cycleMillis) {}

    /** One run: the write rate reached and each target's figures. */
    public record Run(double rowsPerSecond, List<TargetRun> targets) {}

    /** What the scenario measured. */
    public record Outcome(Settings settings, String flushSettings, List<Run> runs) {
        /** True when every target holds every row written in every run. */
        public boolean complete() {
            return runs.stream().flatMap(r -> r.targets().stream()).allMatch(t -> t.held() == t.rows());
        }

        public List<SummaryRow> rows() {
            List<SummaryRow> rows = new ArrayList<>();
            Stats rate = Stats.of(runs.stream().map(Run::rowsPerSecond).toList());
            for (int t = 0; t < runs.get(0).targets().size(); t++) {
                int i = t;
                List<TargetRun> mine = runs.stream().map(r -> r.targets().get(i)).toList();
                double cycle = mine.stream().mapToDouble(TargetRun::cycleMillis).max().orElse(Double.NaN);
                String target = mine.get(0).target();
                rows.add(SummaryRow.latency(SCENARIO, "Sluice -> " + target, rate,
                        Stats.of(mine.stream().map(TargetRun::p50).toList()),
                        Stats.of(mine.stream().map(TargetRun::p99).toList()),
                        Stats.of(mine.stream().map(TargetRun::max).toList()), -1,
                        String.format(Locale.ROOT, "rows/s: the write rate; %s, checkpoint every %d s; observed every"
                                        + " %d ms + a %.1f ms cycle", flushSetting(target),
                                settings.checkpointInterval().toSeconds(), POLL_PAUSE_MILLIS, cycle)));
            }
            return rows;
        }
    }

    private LatencyScenario() {}

    /** When a target's sink writes, besides on every checkpoint: the sink's defaults, which the job keeps. */
    static String flushSetting(String target) {
        return switch (target) {
            case "Redis" -> String.format(Locale.ROOT, "flush at %d commands or %d ms",
                    RedisSinkBuilder.DEFAULT_BATCH_SIZE, RedisSinkBuilder.DEFAULT_FLUSH_INTERVAL.toMillis());
            case "Elasticsearch" -> String.format(Locale.ROOT, "bulk at %d actions, %d MiB or %d ms",
                    BulkOptions.DEFAULT.actions(), BulkOptions.DEFAULT.bytes() >> 20,
                    BulkOptions.DEFAULT.interval().toMillis());
            default -> String.format(Locale.ROOT, "batch at %d rows or %d ms", JdbcSinkBuilder.DEFAULT_BATCH_SIZE,
                    JdbcSinkBuilder.DEFAULT_FLUSH_INTERVAL.toMillis());
        };
    }

    /** The sinks' flush settings and the checkpoint interval, as the job runs them. */
    static String flushSettings(Duration checkpointInterval) {
        return String.format(Locale.ROOT, "checkpoint every %ds; Redis batch %d / %d ms; Elasticsearch bulk %d"
                        + " actions / %d ms; JDBC batch %d / %d ms", checkpointInterval.toSeconds(),
                RedisSinkBuilder.DEFAULT_BATCH_SIZE, RedisSinkBuilder.DEFAULT_FLUSH_INTERVAL.toMillis(),
                BulkOptions.DEFAULT.actions(), BulkOptions.DEFAULT.interval().toMillis(),
                JdbcSinkBuilder.DEFAULT_BATCH_SIZE, JdbcSinkBuilder.DEFAULT_FLUSH_INTERVAL.toMillis());
    }

    public static Outcome run(Settings settings, PrintStream progress) throws Exception {
        Path base = Files.createDirectories(settings.logDir());
        try (MariaDbServer source = MariaDbServer.builder().start();
                MariaDbServer target = MariaDbServer.builder().start();
                RedisServer redis = RedisServer.builder().start();
                ElasticsearchServer es = ElasticsearchServer.builder().start()) {
            source.execute("", "CREATE DATABASE lat",
                    "CREATE TABLE lat.events (id BIGINT PRIMARY KEY, account INT, amount DECIMAL(12,2),"
                            + " note VARCHAR(100))");
            target.execute("", "CREATE DATABASE report");
            es.request("PUT", "/lat", "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
            List<Run> runs = new ArrayList<>();
            long nextId = 1;
            // runs up to 0 are untimed warm-up runs: the servers' first writes (a cold Elasticsearch) are slow
            for (int run = 1 - settings.warmupRuns(); run <= settings.runs(); run++) {
                Path dir = Files.createDirectories(base.resolve("latency-run" + run));
                clearTargets(redis, es, target);
                Path job = JobWorker.writeJobFile(dir, "latency", jobFile(settings, source, target, redis, es));
                Run r = measure(settings, source, job, dir, nextId, () -> List.of(
                        new Visibility.Redis(redis.host(), redis.port()),
                        new Visibility.Elasticsearch(es.url()),
                        new Visibility.Jdbc(connect(target), "report.lat_events")), progress, run);
                if (run >= 1) {
                    runs.add(r);
                }
                nextId += (long) settings.rate() * settings.seconds() + 1;
            }
            return new Outcome(settings, flushSettings(settings.checkpointInterval()), runs);
        }
    }

    private static Connection connect(MariaDbServer server) {
        try {
            return server.connect();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the JDBC target", e);
        }
    }

    private static void clearTargets(RedisServer redis, ElasticsearchServer es, MariaDbServer target) {
        try (var jedis = new redis.clients.jedis.Jedis(redis.host(), redis.port())) {
            jedis.flushAll();
        }
        es.request("POST", "/lat/_delete_by_query?refresh=true", "{\"query\":{\"match_all\":{}}}");
        target.execute("report", "DROP TABLE IF EXISTS lat_events");
    }

    static String jobFile(Settings settings, MariaDbServer source, MariaDbServer target, RedisServer redis,
            ElasticsearchServer es) {
        return String.join("\n",
                "job:",
                "  name: latency",
                "  parallelism: 1",
                "  checkpoint: {interval: " + settings.checkpointInterval().toMillis() + "ms}",
                "source:",
                "  type: mysql",
                "  hostname: " + source.host(),
                "  port: " + source.port(),
                "  username: " + source.user(),
                "  password: '" + source.password() + "'",
                "  server-id: 5490",
                "  tables: 'lat\\.events'",
                "  startup: latest",
                "  server-time-zone: UTC",
                "sinks:",
                "  - {type: redis, name: cache, from: lat.events, host: " + redis.host() + ", port: " + redis.port()
                        + ", key: 'lat:{id}', format: hash}",
                "  - {type: elasticsearch, name: search, from: lat.events, hosts: ['" + es.url() + "'], index: lat,"
                        + " id: '{id}'}",
                "  - {type: jdbc, name: report, from: lat.events, url: '" + target.jdbcUrl() + "', username: " + target.user()
                        + ", password: '" + target.password() + "', table: report.lat_events, create-tables: true}",
                "");
    }

    private static Run measure(Settings settings, MariaDbServer source, Path jobFile, Path dir, long firstId,
            Supplier<List<Visibility>> targets, PrintStream progress, int run) throws Exception {
        List<String> command = WorkerJvm.command(List.of("-Xmx" + settings.heap()),
                System.getProperty("java.class.path"), JobWorker.class.getName(),
                List.of(jobFile.toString(), dir.resolve("checkpoints").toString(), "serve"));
        Path log = dir.resolve("worker.log");
        Process worker = WorkerJvm.start(command, log);
        List<Visibility> visibilities = targets.get();
        try (Connection c = source.connect("lat")) {
            awaitReady(worker, log);
            int total = settings.rate() * settings.seconds();
            long probe = firstId;
            insert(c, probe, 1);
            for (Visibility v : visibilities) {
                awaitVisible(v, probe, log);
            }
            long[] committed = new long[total + 1];
            Writer writer = new Writer(c, probe, settings.rate(), total, committed);
            List<Observer> observers = new ArrayList<>();
            for (Visibility v : visibilities) {
                observers.add(new Observer(v, writer, probe, total));
            }
            observers.forEach(Observer::start);
            writer.run();
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            for (Observer o : observers) {
                o.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                o.stop();
            }
            int warmupRows = settings.rate() * settings.warmupSeconds();
            List<TargetRun> results = new ArrayList<>();
            for (Observer o : observers) {
                TargetRun t = o.result(committed, warmupRows, total);
                progress.printf(Locale.ROOT, "latency run %d %-15s p50 %6.0f ms  p99 %6.0f ms  max %6.0f ms  rows %d,"
                                + " held %d  (observer cycle %.1f ms)%s%n", run, t.target(), t.p50(), t.p99(), t.max(),
                        t.rows(), t.held(), t.cycleMillis(), run < 1 ? "  warm-up run, left out" : "");
                results.add(t);
            }
            return new Run(writer.achievedRate(), results);
        } finally {
            worker.getOutputStream().close(); // the worker cancels its job and exits
            if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
            visibilities.forEach(Visibility::close);
        }
    }

    private static void awaitReady(Process worker, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(log);
            if (lines.contains(JobWorker.READY)) {
                return;
            }
            if (!worker.isAlive()) {
                throw new IllegalStateException("the latency job's worker exited with " + worker.exitValue()
                        + "; last lines of " + log + ":\n" + WorkerJvm.tail(lines, 30));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the latency job did not start within " + READY_TIMEOUT + "; see " + log);
    }

    private static void awaitVisible(Visibility v, long id, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!v.visible(id)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the first row did not reach " + v.target() + " within "
                        + READY_TIMEOUT + "; see " + log);
            }
            Thread.sleep(20);
        }
    }

    static void insert(Connection c, long first, int count) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO events VALUES ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?)");
        }
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < count; i++) {
                long id = first + i;
                p.setLong(4 * i + 1, id);
                p.setInt(4 * i + 2, (int) (id % 10007));
                p.setBigDecimal(4 * i + 3, java.math.BigDecimal.valueOf(id % 100000, 2));
                p.setString(4 * i + 4, "row " + id);
            }
            p.executeUpdate();
        }
    }

    /**
     * Commits {@code total} rows after {@code probe} at a steady rate: every 10 ms one transaction
     * of rate/100 rows, on a fixed schedule (a late batch does not shift the later ones), and notes
     * when each commit returned.
     */
    static final class Writer {
        private final Connection connection;
        private final long probe;
        private final int rate;
        private final int total;
        private final long[] committed;
        private volatile long newest;
        private long startNanos;
        private long endNanos;

        Writer(Connection connection, long probe, int rate, int total, long[] committed) {
            this.connection = connection;
            this.probe = probe;
            this.rate = rate;
            this.total = total;
            this.committed = committed;
            this.newest = probe;
        }

        /** The newest id whose commit has returned (the probe until the first batch commits). */
        long newest() {
            return newest;
        }

        void run() throws SQLException, InterruptedException {
            int perBatch = rate / BATCHES_PER_SECOND;
            long period = TimeUnit.SECONDS.toNanos(1) / BATCHES_PER_SECOND;
            startNanos = System.nanoTime();
            int written = 0;
            for (long batch = 0; written < total; batch++) {
                long due = startNanos + batch * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = Math.min(perBatch, total - written);
                insert(connection, probe + 1 + written, n); // autocommit: one transaction
                long at = System.nanoTime();
                Arrays.fill(committed, written + 1, written + n + 1, at);
                written += n;
                newest = probe + written;
            }
            endNanos = System.nanoTime();
        }

        double achievedRate() {
            return total * 1e9 / (endNanos - startNanos);
        }
    }

    /** Polls one target until it shows every row, noting when each row was first seen. */
    static final class Observer {
        private final Visibility target;
        private final Writer writer;
        private final long probe;
        private final int total;
        private final long[] seen;
        private final Thread thread;
        private volatile boolean stopped;
        private long cycles;
        private long cycleNanos;

        Observer(Visibility target, Writer writer, long probe, int total) {
            this.target = target;
            this.writer = writer;
            this.probe = probe;
            this.total = total;
            this.seen = new long[total + 1];
            this.thread = new Thread(this::observe, "bench-observe-" + target.target());
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void join(long millis) throws InterruptedException {
            thread.join(millis);
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }

        private void observe() {
            long known = probe;
            while (!stopped && known < probe + total) {
                long begin = System.nanoTime();
                long highest = target.highestVisible(known, writer.newest());
                long now = System.nanoTime();
                for (long id = known + 1; id <= highest; id++) {
                    seen[(int) (id - probe)] = now;
                }
                known = highest;
                cycles++;
                cycleNanos += now - begin;
                try {
                    // a pause between observations, so three observers leave the 2 cores to the job
                    Thread.sleep(POLL_PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        TargetRun result(long[] committed, int warmupRows, int total) {
            List<Double> latencies = new ArrayList<>();
            for (int i = warmupRows + 1; i <= total; i++) {
                if (seen[i] > 0) {
                    latencies.add((seen[i] - committed[i]) / 1e6);
                }
            }
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long held = target.count();
            return new TargetRun(target.target(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], total + 1, held,
                    cycles == 0 ? Double.NaN : cycleNanos / 1e6 / cycles);
        }
    }

    /** The nearest-rank percentile of sorted values; NaN when there are none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
