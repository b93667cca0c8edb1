package io.sluice.sinks.jdbc;

import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.XADataSource;
import javax.transaction.xa.XAException;

import java.sql.SQLException;
import java.util.Collection;

/**
 * Commits the XA transactions of completed checkpoints, on its own connection. A transaction the
 * database no longer knows counts as committed: after a restore, Flink hands back transactions
 * that may have been committed just before the failure. A lost connection or a busy resource
 * makes Flink retry the commit later; a transaction the database rolled back fails the job.
 */
final class XaCommitter implements Committer<XaCommittable> {
    private static final Logger LOG = LoggerFactory.getLogger(XaCommitter.class);

    private final JdbcSinkOptions options;
    private final XADataSource dataSource;
    private XaResources resources;

    XaCommitter(JdbcSinkOptions options) {
        this.options = options;
        this.dataSource = XaDataSources.create(options, SqlDialect.forUrl(options.url()));
    }

    @Override
    public void commit(Collection<CommitRequest<XaCommittable>> requests) {
        for (CommitRequest<XaCommittable> request : requests) {
            XaCommittable xid = request.getCommittable();
            try {
                if (!resources().commit(xid)) {
                    LOG.info("{}: XA transaction {} is not known to the database; it was committed before",
                            options.name(), xid);
                    request.signalAlreadyCommitted();
                }
            } catch (SQLException e) {
                retryLater(request, e);
            } catch (XAException e) {
                if (e.errorCode == XAException.XAER_RMFAIL || e.errorCode == XAException.XAER_RMERR
                        || e.errorCode == XAException.XA_RETRY) {
                    retryLater(request, e);
                } else {
                    request.signalFailedWithKnownReason(new JdbcTargetException(options.name()
                            + ": cannot commit XA transaction " + xid + " (XA error " + e.errorCode + ")", e));
                }
            }
        }
    }

    private void retryLater(CommitRequest<XaCommittable> request, Exception e) {
        LOG.warn("{}: committing {} failed, will retry: {}", options.name(), request.getCommittable(), e.toString());
        reset();
        request.retryLater();
    }

    private XaResources resources() throws SQLException {
        if (resources == null) {
            resources = XaResources.open(dataSource);
        }
        return resources;
    }

    private void reset() {
        if (resources != null) {
            try {
                resources.close();
            } catch (SQLException e) {
                LOG.debug("closing a failed XA connection: {}", e.toString());
            }
            resources = null;
        }
    }

    @Override
    public void close() {
        reset();
    }
}
