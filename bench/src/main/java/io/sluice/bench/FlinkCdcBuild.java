package io.sluice.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The build of the Flink CDC workers ({@code bench/flink-cdc}, a Maven project of its own):
 * {@code flink-sql-connector-mysql-cdc} bundles an unrelocated copy of the binlog client, so its
 * workers run on that build's classpath, never with sluice-source on it.
 */
public final class FlinkCdcBuild {
    /** Where the project lies relative to the root of a clone, the runner's default working directory. */
    public static final Path DEFAULT_HOME = Path.of("bench/flink-cdc");
    /** The command that builds it, from the root of a clone ({@code bench/run} runs it). */
    public static final String BUILD_COMMAND = "mvn -B -q -f bench/flink-cdc/pom.xml package";

    private FlinkCdcBuild() {}

    /** The workers' classpath: the project's classes and the dependencies its build listed. */
    public static String classpath(Path home) {
        Path listed = home.resolve("target/classpath.txt");
        Path classes = home.resolve("target/classes");
        try {
            if (!Files.isDirectory(classes)) {
                throw new IOException(classes + " is missing");
            }
            return classes.toAbsolutePath() + File.pathSeparator + Files.readString(listed).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no Flink CDC worker build at " + home.toAbsolutePath()
                    + "; build it first: " + BUILD_COMMAND + " (or pass its folder with --cdc-home)", e);
        }
    }
}
