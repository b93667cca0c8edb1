package io.sluice.source.config;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Objects;
import java.util.Properties;

/**
 * TLS for every connection of the source (the binlog and the JDBC metadata and snapshot
 * connections), as MySQL's {@code ssl-mode} names it: {@code required} encrypts without checking
 * the server's certificate, {@code verify-ca} also checks it against the trust store (or the JVM's
 * trust store when none is given), {@code verify-identity} also checks that it names the host.
 *
 * @param truststore a PKCS12 or JKS file holding the CA that signed the server's certificate; null
 *     for the JVM's trust store
 * @param truststorePassword its password, or null; never printed
 */
@PublicEvolving
public record SourceTls(Mode mode, String truststore, String truststorePassword) implements Serializable {

    /** How the connection is secured; in the job file in lower case with '-' ({@code verify-ca}). */
    public enum Mode implements io.sluice.core.connector.ConfigName {
        DISABLED,
        REQUIRED,
        VERIFY_CA,
        VERIFY_IDENTITY
    }

    public static final SourceTls DISABLED = new SourceTls(Mode.DISABLED, null, null);

    public SourceTls {
        Objects.requireNonNull(mode, "mode");
        if (truststore != null && (mode == Mode.DISABLED || mode == Mode.REQUIRED)) {
            throw new IllegalArgumentException("a trust store is only used by the modes verify-ca and verify-identity, "
                    + "not " + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        if (truststorePassword != null && truststore == null) {
            throw new IllegalArgumentException("a trust store password needs a trust store");
        }
    }

    public boolean enabled() {
        return mode != Mode.DISABLED;
    }

    /** Adds mysql-connector-j's properties for this mode to {@code props}. */
    void addTo(Properties props) {
        if (!enabled()) {
            return; // the URL says useSSL=false, which source.options may still override
        }
        props.setProperty("sslMode", mode.name());
        if (truststore != null) {
            props.setProperty("trustCertificateKeyStoreUrl", java.nio.file.Path.of(truststore).toUri().toString());
            props.setProperty("trustCertificateKeyStoreType", truststore.toLowerCase(java.util.Locale.ROOT)
                    .endsWith(".jks") ? "JKS" : "PKCS12");
            if (truststorePassword != null) {
                props.setProperty("trustCertificateKeyStorePassword", truststorePassword);
            }
        }
    }

    @Override
    public String toString() {
        return "tls " + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (truststore == null ? "" : " trusting " + truststore);
    }
}
