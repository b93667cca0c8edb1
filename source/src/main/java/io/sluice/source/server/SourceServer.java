package io.sluice.source.server;

import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the source asks the server before reading: are the binlog settings right, where is the
 * binlog now, which files does the server still have.
 */
@Internal
public final class SourceServer implements AutoCloseable {
    private final BinlogSourceConfig config;
    private final ServerConnection connection;

    /** A binlog file the server has, with its size in bytes. */
    public record BinlogFile(String name, long size) {}

    public SourceServer(BinlogSourceConfig config) {
        this.config = config;
        this.connection = new ServerConnection(config);
    }

    public ServerConnection connection() {
        return connection;
    }

    public boolean isMariaDb() {
        return connection.isMariaDb();
    }

    /** Fails, naming the setting to change, unless the binlog is on in ROW format with FULL images. */
    public void checkBinlogSettings() {
        String logBin = variable("log_bin");
        if (!"ON".equalsIgnoreCase(logBin) && !"1".equals(logBin)) {
            throw new SluiceSourceException(
                    "the binlog is off on " + where() + " (log_bin = " + logBin + "); start the server with"
                            + " --log-bin --binlog-format=ROW --binlog-row-image=FULL");
        }
        String format = variable("binlog_format");
        if (!"ROW".equalsIgnoreCase(format)) {
            throw new SluiceSourceException(
                    "binlog_format is " + format + " on " + where() + "; Sluice reads row changes and needs"
                            + " binlog_format=ROW (SET GLOBAL binlog_format = 'ROW', and in the server's configuration)");
        }
        String image = variable("binlog_row_image");
        if (!"FULL".equalsIgnoreCase(image)) {
            throw new SluiceSourceException(
                    "binlog_row_image is " + image + " on " + where() + "; Sluice needs every column of every"
                            + " changed row: set binlog_row_image=FULL (SET GLOBAL binlog_row_image = 'FULL',"
                            + " and in the server's configuration)");
        }
        if (isMariaDb() && isOn(variable("log_bin_compress"))) {
            throw new SluiceSourceException(
                    "log_bin_compress is ON on " + where() + ": MariaDB then writes compressed query and row events,"
                            + " which this version of Sluice cannot decode; set log_bin_compress=OFF (SET GLOBAL"
                            + " log_bin_compress = OFF, and in the server's configuration)");
        }
        String valueOptions = isMariaDb() ? null : variable("binlog_row_value_options");
        if (valueOptions != null && valueOptions.toUpperCase(java.util.Locale.ROOT).contains("PARTIAL_JSON")) {
            throw new SluiceSourceException(
                    "binlog_row_value_options is " + valueOptions + " on " + where() + ": MySQL then logs only the"
                            + " changed parts of JSON columns; Sluice needs whole row images: set"
                            + " binlog_row_value_options='' (SET GLOBAL binlog_row_value_options = '', and in the"
                            + " server's configuration)");
        }
        if (!isMariaDb() && isOn(variable("binlog_transaction_compression"))) {
            throw new SluiceSourceException(
                    "binlog_transaction_compression is ON on " + where() + ": MySQL then writes whole transactions"
                            + " as compressed TRANSACTION_PAYLOAD events, which this version of Sluice cannot decode;"
                            + " set binlog_transaction_compression=OFF (SET GLOBAL binlog_transaction_compression ="
                            + " OFF, and in the server's configuration; sessions must not turn it on)");
        }
    }

    private static boolean isOn(String value) {
        return "ON".equalsIgnoreCase(value) || "1".equals(value);
    }

    /** The position after the last transaction written to the binlog. */
    public BinlogPosition currentPosition() {
        try (Statement st = connection.connection().createStatement();
                ResultSet rs = st.executeQuery(connection.binlogStatus())) {
            if (!rs.next()) {
                throw new SluiceSourceException(connection.binlogStatus() + " on " + where()
                        + " returned nothing: is the binlog on?");
            }
            return BinlogPosition.at(rs.getString(1), rs.getLong(2), currentGtidSet());
        } catch (SQLException e) {
            throw ServerErrors.explain(e, config);
        }
    }

    /** The start of the oldest binlog file the server still has. */
    public BinlogPosition earliestPosition() {
        BinlogFile first = binlogFiles().get(0);
        return BinlogPosition.at(first.name(), 4, gtidSetAt(first.name(), 4));
    }

    /** A given file and position, checked against the files the server still has. */
    public BinlogPosition position(String file, long position) {
        checkAvailable(BinlogPosition.at(file, position));
        return withGtidSet(BinlogPosition.at(file, position));
    }

    /**
     * The same transaction start with the server's GTID set at it (MariaDB), or as it is (MySQL,
     * which cannot tell the GTID set of a binlog offset).
     */
    public BinlogPosition withGtidSet(BinlogPosition position) {
        String gtid = gtidSetAt(position.file(), position.position());
        return gtid == null ? position : BinlogPosition.at(position.file(), position.position(), gtid);
    }

    public List<BinlogFile> binlogFiles() {
        List<BinlogFile> files = new ArrayList<>();
        try (Statement st = connection.connection().createStatement();
                ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(new BinlogFile(rs.getString(1), rs.getLong(2)));
            }
        } catch (SQLException e) {
            throw ServerErrors.explain(e, config);
        }
        if (files.isEmpty()) {
            throw new SluiceSourceException("the server " + where() + " has no binlog files: is the binlog on?");
        }
        return files;
    }

    /**
     * Fails with a message that names what the server still has when a position's file was
     * purged or never existed, or when the position lies beyond the end of its file.
     */
    public void checkAvailable(BinlogPosition position) {
        List<BinlogFile> files = binlogFiles();
        for (BinlogFile f : files) {
            if (f.name().equals(position.file())) {
                if (position.position() > f.size()) {
                    throw new SluiceSourceException(
                            "binlog position " + position.file() + ":" + position.position() + " is beyond the end of"
                                    + " that file (" + f.size() + " bytes) on " + where() + ". Use a position that"
                                    + " SHOW MASTER STATUS or SHOW BINLOG EVENTS IN '" + f.name() + "' reports.");
                }
                return;
            }
        }
        throw missingFile(position, files);
    }

    /**
     * The error for a position whose binlog file the server does not have: purged when it sorts
     * before the oldest file, otherwise unknown (a typo, or a position from another server).
     */
    public SluiceSourceException missingFile(BinlogPosition asked, List<BinlogFile> files) {
        String file = asked.file();
        String position = file + ":" + asked.position();
        String first = files.get(0).name();
        String last = files.get(files.size() - 1).name();
        String has = "it has " + (files.size() == 1 ? first : first + " to " + last);
        if (BinlogPosition.compareFiles(file, first) < 0) {
            return new SluiceSourceException(
                    "the binlog position " + position + " is no longer on the server " + where() + ": " + has
                            + ", older files were purged. Start from 'earliest' or a position in " + first
                            + " (the changes in between are lost) and keep binlogs longer on the server"
                            + " (expire_logs_days / binlog_expire_logs_seconds).");
        }
        return new SluiceSourceException(
                "the server " + where() + " has no binlog file " + file + " (asked for position " + position + "): "
                        + has + ". Check the file name (is the position from another server?), or start from"
                        + " 'earliest' or 'latest'.");
    }

    private String currentGtidSet() {
        String gtid = variable(isMariaDb() ? "gtid_binlog_pos" : "gtid_executed");
        return gtid == null || gtid.isBlank() ? null : gtid.replace("\n", "");
    }

    /** MariaDB can tell the GTID position of a binlog offset; MySQL cannot (null). */
    private String gtidSetAt(String file, long position) {
        if (!isMariaDb()) {
            return null;
        }
        try (PreparedStatement st = connection.connection().prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            st.setString(1, file);
            st.setLong(2, position);
            try (ResultSet rs = st.executeQuery()) {
                String gtid = rs.next() ? rs.getString(1) : null;
                return gtid == null || gtid.isBlank() ? null : gtid;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    public String variable(String name) {
        try (Statement st = connection.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT @@GLOBAL." + name)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            if (e.getErrorCode() == 1193) { // unknown system variable
                return null;
            }
            throw ServerErrors.explain(e, config);
        }
    }

    private String where() {
        return config.hostname() + ":" + config.port();
    }

    @Override
    public void close() {
        connection.close();
    }
}
