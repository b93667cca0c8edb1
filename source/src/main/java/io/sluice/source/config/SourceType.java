package io.sluice.source.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** The kind of database a source reads: the {@code source.type} key, spelled as {@link #configName()}. */
@PublicEvolving
public enum SourceType implements ConfigName {
    /** MySQL or MariaDB, through the binlog: {@code mysql}. */
    MYSQL
}
