package io.sluice.jobs.topology;

import io.sluice.jobs.config.KeyOverride;
import io.sluice.jobs.config.SourceConfig;
import io.sluice.core.table.TablePattern;
import io.sluice.source.BinlogSource;
import io.sluice.source.config.BinlogSourceConfig;

import org.apache.flink.annotation.Internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Maps the {@code source} block to a {@link BinlogSource} and names its operator. */
@Internal
final class BinlogSourceFactory {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$]+");

    private BinlogSourceFactory() {}

    static BinlogSource create(SourceConfig source) {
        return new BinlogSource(config(source));
    }

    /**
     * The source's configuration. The binlog reader uses the first id of the server-id range; the
     * parallel readers of a snapshot use one id each (see {@link Availability}).
     */
    static BinlogSourceConfig config(SourceConfig source) {
        BinlogSourceConfig.Builder builder = BinlogSourceConfig.builder()
                .hostname(source.hostname())
                .port(source.port())
                .username(source.username())
                .password(source.password().map(p -> p.reveal()).orElse(""))
                .serverIdRange(source.serverId().start(), source.serverId().end())
                .tables(regexList(source.tables()), regexList(source.exclude()))
                .startup(source.startup())
                .heartbeatInterval(source.heartbeatInterval())
                .connectTimeout(source.connectTimeout())
                .zeroDates(source.zeroDate())
                .bit1AsBoolean(source.bit1AsBoolean())
                .chunkSize(source.chunkSize())
                .scanNewlyAddedTables(source.scanNewlyAddedTables())
                .tls(source.tls())
                .socketTimeout(source.socketTimeout())
                .xaMaxRows(source.xaMaxRows())
                .xaUnknownCommit(source.xaUnknownCommit());
        source.stopAt().ifPresent(builder::stopAt);
        source.serverTimeZone().ifPresent(zone -> builder.serverTimeZone(zone.getId()));
        for (KeyOverride key : source.keys()) {
            builder.key(key.table().regex(), key.columns());
        }
        source.options().forEach(builder::jdbcProperty);
        return builder.build();
    }

    /** {@code binlog: shop_\d+, shop}: the database parts of the table patterns. */
    static String operatorName(SourceConfig source) {
        Set<String> databases = new LinkedHashSet<>();
        for (TablePattern table : source.tables()) {
            databases.add(databasePart(table.regex()));
        }
        return "binlog: " + (databases.isEmpty() ? "all tables" : String.join(", ", databases));
    }

    /**
     * The part of a {@code db.table} regex before its escaped dot ({@code \.}); for a plain name
     * written without escaping ({@code shop.orders}) the part before the dot; else all of it.
     */
    static String databasePart(String regex) {
        boolean escaped = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (escaped && c == '.') {
                return regex.substring(0, i - 1);
            }
            escaped = !escaped && c == '\\';
        }
        int dot = regex.indexOf('.');
        return dot > 0 && PLAIN_NAME.matcher(regex.substring(0, dot)).matches() ? regex.substring(0, dot) : regex;
    }

    private static String regexList(List<TablePattern> patterns) {
        return patterns.stream().map(TablePattern::regex).collect(Collectors.joining(","));
    }
}
