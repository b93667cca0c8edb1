package io.sluice.source;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The binlog commits an XA transaction whose prepare the source never read. A snapshot chunk that
 * meets one between its watermarks is read again (the new read sees the committed rows); the
 * binlog reader stops with it unless {@code source.xa-unknown-commit} is {@code warn}.
 */
@PublicEvolving
public class UnknownXaCommitException extends SluiceSourceException {
    private static final long serialVersionUID = 1L;

    public UnknownXaCommitException(String message) {
        super(message);
    }
}
