package io.sluice.jobs.config;

/** An enum constant's spelling in the job file, e.g. {@code exactly_once} or {@code dead-letter}. */
interface ConfigName {

    String configName();
}
