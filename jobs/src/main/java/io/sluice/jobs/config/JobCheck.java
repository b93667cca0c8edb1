package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A check of a whole job, plugged into {@link JobValidator} by the code that will run it: the
 * topology builder reports here what it cannot run (yet), so that those problems are listed with
 * file and line like every other one.
 */
@PublicEvolving
@FunctionalInterface
public interface JobCheck {

    /** Reports every problem of {@code config} to {@code report}; runs only on a job without other problems. */
    void check(JobConfig config, Report report);

    /** Where a {@link JobCheck} reports problems. */
    @PublicEvolving
    interface Report {

        /**
         * Reports a problem with one key of a part of the job.
         *
         * @param element a part of the {@link JobConfig} being checked: its {@link JobSettings},
         *     {@link SourceConfig}, or an element of one of its lists (a sink, a filter, ...)
         * @param key the key within that part, e.g. {@code type} or {@code startup}; empty for the
         *     part as a whole
         * @param message what is wrong and what would be accepted, without the position
         */
        void error(Object element, String key, String message);
    }
}
