package io.sluice.bench.job;

import io.sluice.bench.Stats;
import io.sluice.bench.SummaryRow;
import io.sluice.bench.WorkerJvm;
import io.sluice.testkit.MariaDbServer;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scenarios 4 and 5, join and aggregate throughput and memory: the example shop job ({@code
 * jobs/examples/shop.yaml}: filter, n:1 routes, a join of orders with their buyer and items, a
 * grouped aggregate) over a prepared binlog of row changes ({@link ShopData}), each run in a fresh
 * {@link JobWorker} JVM in drain mode. The job file is the example's, with its source pointed at
 * the private MariaDB and the start of the data, and each of its sinks replaced by a print sink of
 * the same name and {@code from} writing canonical JSON to a local file: the join and aggregate
 * are measured, not a network target. After each run the aggregate's final state in its file is
 * compared with the same aggregate computed by SQL on the source.
 */
public final class JoinScenario {
    static final String SCENARIO_THROUGHPUT = "join+aggregate";
    static final String SCENARIO_MEMORY = "memory";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final long QUIET_MILLIS = 1500;

    /**
     * @param jobFile the shop job file to run ({@code jobs/examples/shop.yaml})
     * @param parallelism the job's parallelism; 0 keeps the file's
     */
    public record Settings(long changes, int runs, Path jobFile, int parallelism, String heap, Path logDir) {
        public Settings {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
            if (parallelism < 0) {
                throw new IllegalArgumentException("parallelism must be 0 (the job file's) or more, got " + parallelism);
            }
        }
    }

    /** One run's figures. */
    public record Run(long sourceRows, long sinkRecords, long nanos, long peakHeap, long liveHeap, long peakRss,
            long checkpointBytes, boolean aggregateMatches) {
        double rowsPerSecond() {
            return sourceRows * 1e9 / nanos;
        }
    }

    /** What the scenario measured. */
    public record Outcome(ShopData.Written data, int parallelism, List<Run> runs) {
        /** True when every run read every change and ended with the source's aggregate. */
        public boolean complete() {
            return runs.stream().allMatch(r -> r.sourceRows() == data.changes() && r.aggregateMatches());
        }

        public List<SummaryRow> rows() {
            Stats rate = Stats.of(runs.stream().map(Run::rowsPerSecond).toList());
            Stats live = Stats.of(runs.stream().map(r -> (double) r.liveHeap()).toList());
            Stats state = Stats.of(runs.stream().map(r -> (double) r.checkpointBytes()).toList());
            long peak = runs.stream().mapToLong(Run::peakHeap).max().orElse(-1);
            String job = "Sluice, shop job, parallelism " + parallelism;
            return List.of(
                    SummaryRow.throughput(SCENARIO_THROUGHPUT, job, rate, peak,
                            String.format("%,d changes; output records %,d", data.changes(),
                                    runs.get(0).sinkRecords())),
                    SummaryRow.memory(SCENARIO_MEMORY, job, live, state, peak));
        }
    }

    private JoinScenario() {}

    public static Outcome run(Settings settings, PrintStream progress) throws SQLException, IOException {
        Path base = Files.createDirectories(settings.logDir());
        try (MariaDbServer server = MariaDbServer.builder().start()) {
            progress.printf("join: MariaDB on port %d; writing %,d shop row changes%n", server.port(), settings.changes());
            ShopData.Written data = ShopData.write(server, settings.changes());
            Map<String, String> expected = ShopData.sellerDaily(server);
            List<Run> runs = new ArrayList<>();
            int parallelism = 0;
            for (int run = 1; run <= settings.runs(); run++) {
                Path dir = Files.createDirectories(base.resolve("join-run" + run));
                Map<String, Object> job = jobFile(settings, server, data, dir);
                parallelism = ((Number) section(job, "job").get("parallelism")).intValue();
                Path file = JobWorker.writeJobFile(dir, "shop-bench", dump(job));
                List<String> command = WorkerJvm.command(List.of("-Xmx" + settings.heap()),
                        System.getProperty("java.class.path"), JobWorker.class.getName(),
                        List.of(file.toString(), dir.resolve("checkpoints").toString(), "drain",
                                String.valueOf(data.changes()), String.valueOf(QUIET_MILLIS)));
                Map<String, String> f = WorkerJvm.runForResult("the shop job", command, dir.resolve("worker.log"),
                        TIMEOUT);
                Map<String, String> actual = PrintedAggregate.read(aggregateFile(job));
                Run r = new Run(Long.parseLong(f.get("sourceRows")), Long.parseLong(f.get("sinkRecords")),
                        Long.parseLong(f.get("nanos")), Long.parseLong(f.get("peakHeap")),
                        Long.parseLong(f.get("liveHeap")), Long.parseLong(f.get("peakRss")),
                        Long.parseLong(f.get("checkpointBytes")), actual.equals(expected));
                progress.printf("join run %d: %,d changes in %.2f s = %,.0f rows/s; live heap %d MiB, state %d KiB;"
                                + " aggregate %s%n", run, r.sourceRows(), r.nanos() / 1e9, r.rowsPerSecond(),
                        r.liveHeap() >> 20, r.checkpointBytes() >> 10,
                        r.aggregateMatches() ? "matches the source" : "DIFFERS from the source (" + actual.size()
                                + " groups printed, " + expected.size() + " expected)");
                runs.add(r);
            }
            return new Outcome(data, parallelism, runs);
        }
    }

    /** The example job, pointed at {@code server} from the data's start, its sinks turned into print sinks. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jobFile(Settings settings, MariaDbServer server, ShopData.Written data, Path dir)
            throws IOException {
        Map<String, Object> job = yaml().load(Files.readString(settings.jobFile()));
        if (job == null || !(job.get("sinks") instanceof List<?>)) {
            throw new IllegalArgumentException(settings.jobFile() + " is not a job file with a sinks list");
        }
        if (settings.parallelism() > 0) {
            section(job, "job").put("parallelism", settings.parallelism());
        }
        Map<String, Object> source = section(job, "source");
        source.put("hostname", server.host());
        source.put("port", server.port());
        source.put("username", server.user());
        source.put("password", server.password());
        source.put("startup", Map.of("file", data.startFile(), "position", data.startPosition()));
        source.remove("stop-at");
        List<Object> sinks = new ArrayList<>();
        for (Object o : (List<Object>) job.get("sinks")) {
            Map<String, Object> sink = (Map<String, Object>) o;
            String name = sink.get("name") != null ? String.valueOf(sink.get("name")) : "sink-" + sinks.size();
            Map<String, Object> print = new LinkedHashMap<>();
            print.put("type", "print");
            print.put("name", name);
            print.put("from", sink.get("from"));
            print.put("path", dir.resolve(name + ".jsonl").toString());
            sinks.add(print);
        }
        job.put("sinks", sinks);
        return job;
    }

    /** The file of the first print sink that reads the {@code seller_daily} aggregate. */
    @SuppressWarnings("unchecked")
    private static Path aggregateFile(Map<String, Object> job) {
        for (Object o : (List<Object>) job.get("sinks")) {
            Map<String, Object> sink = (Map<String, Object>) o;
            if ("seller_daily".equals(sink.get("from"))) {
                return Path.of(String.valueOf(sink.get("path")));
            }
        }
        throw new IllegalArgumentException("the job file has no sink reading the seller_daily aggregate");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> job, String name) {
        if (!(job.get(name) instanceof Map<?, ?> block)) {
            throw new IllegalArgumentException("the job file has no '" + name + "' block");
        }
        return (Map<String, Object>) block;
    }

    private static String dump(Map<String, Object> job) {
        return yaml().dump(job);
    }

    /**
     * YAML 1.2's booleans only: the job parser reads {@code on:} (a join's key) as the text "on",
     * where YAML 1.1's resolver would turn it into {@code true}.
     */
    private static Yaml yaml() {
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        LoaderOptions loader = new LoaderOptions();
        Resolver resolver = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
                addImplicitResolver(Tag.INT, INT, "-+0123456789");
                addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
                addImplicitResolver(Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, EMPTY, null);
            }
        };
        return new Yaml(new Constructor(loader), new Representer(dumper), dumper, loader, resolver);
    }
}
