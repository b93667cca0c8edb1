package io.sluice.source.binlog;

import io.sluice.source.config.SourceTls;

import com.github.shyiko.mysql.binlog.network.SSLSocketFactory;
import org.apache.flink.annotation.Internal;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * TLS sockets for the binlog connection, as {@link SourceTls} says: certificates checked against
 * the trust store (or the JVM's), or, for {@code required}, not checked. The binlog client itself
 * checks the host name for {@code verify-identity}.
 */
@Internal
final class TrustStoreSocketFactory implements SSLSocketFactory {
    private final SSLContext context;

    TrustStoreSocketFactory(SourceTls tls) throws IOException {
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(tls), null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for the binlog connection with " + tls + ": " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(SourceTls tls) throws GeneralSecurityException, IOException {
        if (tls.mode() == SourceTls.Mode.REQUIRED) {
            return new TrustManager[] {new TrustAll()};
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls.truststore() == null) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(tls.truststore().toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(tls.truststore()))) {
                store.load(in, tls.truststorePassword() == null ? null : tls.truststorePassword().toCharArray());
            }
            factory.init(store);
        }
        return factory.getTrustManagers();
    }

    @Override
    public SSLSocket createSocket(Socket socket) throws SocketException {
        try {
            return (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostName(), socket.getPort(), true);
        } catch (IOException e) {
            SocketException wrapped = new SocketException(e.getMessage());
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    /** {@code required}: encrypted, the certificate not checked (MySQL's ssl-mode REQUIRED). */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
