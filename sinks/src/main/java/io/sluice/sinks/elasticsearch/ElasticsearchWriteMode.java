package io.sluice.sinks.elasticsearch;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** How documents are written: the {@code mode} key of an elasticsearch sink. */
@PublicEvolving
public enum ElasticsearchWriteMode implements ConfigName {
    /** Each change replaces the whole document (an index request). */
    INDEX,
    /**
     * Each change updates the fields it carries and creates the document if it is missing (an
     * update with {@code doc_as_upsert}); fields written by other sources of the same document,
     * such as a join's children, are kept.
     */
    UPSERT
}
