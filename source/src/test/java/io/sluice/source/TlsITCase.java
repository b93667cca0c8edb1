package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.now;
import static io.sluice.source.SourceTestSupport.readUntilNow;
import static io.sluice.source.SourceTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.config.SourceTls;
import io.sluice.source.position.StartupOptions;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.TlsFiles;

import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The source over TLS, against a private MariaDB with a throwaway CA and a user that may only
 * connect with TLS: the binlog and the metadata connections verify the server's certificate and
 * host name against the trust store; without TLS, or trusting another CA, the source fails.
 */
class TlsITCase {

    @TempDir
    Path dir;

    @Test
    void readsTheBinlogOverVerifiedTlsAndRefusesAnUntrustedServer() throws Exception {
        TlsFiles tls = TlsFiles.generate(dir.resolve("ca"));
        TlsFiles otherCa = TlsFiles.generate(dir.resolve("other-ca"));
        try (MariaDbServer server = MariaDbServer.builder().extraArgs("--ssl-ca=" + tls.caCertificate(),
                "--ssl-cert=" + tls.serverCertificate(), "--ssl-key=" + tls.serverKey()).start()) {
            server.createUser("cdc_tls", "tls-pw", "REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.*");
            server.execute(null, "ALTER USER 'cdc_tls'@'%' REQUIRE SSL");
            String db = server.createDatabase("tls");
            server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            StartupOptions start = now(server);
            server.execute(db, "INSERT INTO t VALUES (1, 'a'), (2, 'b')", "UPDATE t SET v = 'c' WHERE id = 2");

            List<RowChange> rows = rows(readUntilNow(asTlsUser(server, db, start).tls(new SourceTls(
                    SourceTls.Mode.VERIFY_IDENTITY, tls.truststore().toString(), TlsFiles.TRUSTSTORE_PASSWORD))));
            assertThat(rows).extracting(RowChange::op).containsExactly(Op.INSERT, Op.INSERT, Op.UPDATE);

            Throwable plain = catchThrowable(() -> readUntilNow(asTlsUser(server, db, start)));
            assertThat(ExceptionUtils.stringifyException(plain)).contains("Access denied for user 'cdc_tls'",
                    "whether the user must connect with TLS (source.tls)");

            Throwable untrusted = catchThrowable(() -> readUntilNow(asTlsUser(server, db, start).tls(new SourceTls(
                    SourceTls.Mode.VERIFY_CA, otherCa.truststore().toString(), TlsFiles.TRUSTSTORE_PASSWORD))));
            assertThat(ExceptionUtils.stringifyException(untrusted)).contains("TLS with the source server "
                    + server.host() + ":" + server.port() + " failed (tls verify-ca trusting " + otherCa.truststore()
                    + ")", "Check source.tls: the trust store must hold the CA");
        }
    }

    private static BinlogSourceConfig.Builder asTlsUser(MariaDbServer server, String db, StartupOptions start) {
        return config(server, db).username("cdc_tls").password("tls-pw").startup(start)
                .reconnectTimeout(Duration.ofSeconds(5));
    }
}
