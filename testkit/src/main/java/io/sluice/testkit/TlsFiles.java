package io.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate authority and a server certificate it signed, made with the
 * {@code openssl} command line in a directory of a test server: {@code ca.crt}, {@code server.crt}
 * (for {@code 127.0.0.1} and {@code localhost}), {@code server.key}, and {@code truststore.p12}, a
 * PKCS12 trust store that holds only the CA (password {@link #TRUSTSTORE_PASSWORD}).
 */
public final class TlsFiles {

    /** The password of {@link #truststore()}. */
    public static final String TRUSTSTORE_PASSWORD = "sluice-test";

    static final String MISSING_OPENSSL_HINT = "install openssl (apt-get install openssl) to start a TLS test server";

    private final Path dir;

    private TlsFiles(Path dir) {
        this.dir = dir;
    }

    /** Generates a new CA and server certificate into {@code dir} (valid for two days). */
    public static TlsFiles generate(Path dir) {
        Path openssl = Processes.findExecutable("openssl", List.of(Path.of("/usr/bin/openssl")), MISSING_OPENSSL_HINT);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        Path log = dir.resolve("openssl.log");
        Duration timeout = Duration.ofSeconds(60);
        String o = openssl.toString();
        Processes.run(List.of(o, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=sluice-test-ca", "-keyout", "ca.key", "-out", "ca.crt"), dir, log, timeout);
        Processes.run(List.of(o, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", "server.key", "-out", "server.csr"), dir, log, timeout);
        Processes.run(List.of(o, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.crt"), dir, log, timeout);
        TlsFiles files = new TlsFiles(dir);
        try (OutputStream out = Files.newOutputStream(files.truststore())) {
            files.trustStore().store(out, TRUSTSTORE_PASSWORD.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + files.truststore(), e);
        }
        return files;
    }

    /** The CA certificate (PEM). */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** The server certificate (PEM), signed by the CA. */
    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    /** The server's private key (PEM, unencrypted). */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** A PKCS12 trust store holding only the CA; its password is {@link #TRUSTSTORE_PASSWORD}. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** An SSL context that trusts only the CA, for readiness checks. */
    SSLContext clientContext() throws GeneralSecurityException, IOException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private KeyStore trustStore() throws GeneralSecurityException, IOException {
        Certificate ca;
        try (InputStream in = Files.newInputStream(caCertificate())) {
            ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("sluice-test-ca", ca);
        return store;
    }
}
