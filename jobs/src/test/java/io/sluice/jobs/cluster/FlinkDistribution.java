package io.sluice.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a Flink 1.20 distribution would provide, taken from the jobs module's build output: the jars
 * of its {@code lib/} (the module's {@code provided} dependencies listed in {@code
 * target/classpath.txt}: Flink's runtime, web UI, RocksDB backend and log4j), the {@code --add-opens}
 * options Flink needs on Java 17 ({@code target/local/jvm.options}) and a log4j configuration.
 */
record FlinkDistribution(String classpath, List<String> jvmOptions, Path logConfig) {

    private static final Path TARGET = Path.of("target");

    /** The shaded jar that is submitted to the cluster. */
    static final Path SLUICE_JAR = TARGET.resolve("sluice.jar");

    /**
     * Reads the files that {@code mvn package} writes into {@code jobs/target}; integration tests run
     * after {@code package}, so they exist.
     */
    static FlinkDistribution fromJobsBuild() throws IOException {
        Path classpath = TARGET.resolve("classpath.txt");
        Path jvmOptions = TARGET.resolve("local/jvm.options");
        Path logConfig = TARGET.resolve("local/log4j2.properties").toAbsolutePath();
        for (Path required : List.of(SLUICE_JAR, classpath, jvmOptions, logConfig)) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException(required.toAbsolutePath() + " is missing: integration tests run after "
                        + "`mvn package`, which builds it (mvn -pl jobs verify)");
            }
        }
        List<String> options = Arrays.stream(Files.readString(jvmOptions).trim().split("\\s+"))
                .filter(o -> !o.isEmpty()).toList();
        return new FlinkDistribution(Files.readString(classpath).trim(), options, logConfig);
    }
}
