package io.sluice.sinks.jdbc;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Commits the XA transactions of completed checkpoints, on its own connection. A transaction the
 * database no longer knows was either committed before (after a restore, Flink hands back
 * transactions that may have been committed just before the failure) or rolled back outside the
 * job: its mark in {@link XaMarks#TABLE} tells which, and a rolled-back one stops the job. A lost
 * connection or a busy resource makes Flink retry the commit later; a transaction the database
 * rolled back or cannot commit stops the job, naming it (Flink would otherwise drop it silently).
 */
final class XaCommitter implements Committer<XaCommittable> {
    private static final Logger LOG = LoggerFactory.getLogger(XaCommitter.class);

    private final JdbcSinkOptions options;
    private final XADataSource dataSource;
    private final XaMarks marks;
    private final Connections connections;
    private XaResources resources;
    /** An autocommit connection for the marks, kept between commits. */
    private Connection plain;

    XaCommitter(JdbcSinkOptions options) {
        this.options = options;
        SqlDialect dialect = SqlDialect.forUrl(options.url());
        this.dataSource = XaDataSources.create(options, dialect);
        this.marks = new XaMarks(options, dialect);
        this.connections = new Connections(options, dialect);
    }

    @Override
    public void commit(Collection<CommitRequest<XaCommittable>> requests) {
        for (CommitRequest<XaCommittable> request : requests) {
            XaCommittable xid = request.getCommittable();
            try {
                if (resources().commit(xid)) {
                    forgetOldMarks(xid);
                } else if (stillPrepared(xid)) {
                    // MariaDB answers "unknown" while the session that prepared it is still going away
                    retryLater(request, new SQLException("XA transaction " + xid + " is prepared but not yet free"
                            + " to commit"));
                } else if (committedBefore(xid)) {
                    LOG.info("{}: XA transaction {} is not known to the database; its mark shows it was committed"
                            + " before", options.name(), xid);
                    request.signalAlreadyCommitted();
                } else if (marks.mayBeForgotten(plain(), xid)) {
                    LOG.warn("{}: XA transaction {} is not known to the database and its mark is older than the"
                            + " {} checkpoints {} keeps (a restore from an old savepoint?); counting it as committed",
                            options.name(), xid, XaMarks.KEPT_CHECKPOINTS, XaMarks.TABLE);
                    request.signalAlreadyCommitted();
                } else {
                    throw lost(xid, "the database does not know it and its mark is not in " + XaMarks.TABLE
                            + ": it was rolled back outside this job (XA ROLLBACK by hand, or a tool that cleans up"
                            + " prepared transactions)", null);
                }
            } catch (SQLException e) {
                retryLater(request, e);
            } catch (XAException e) {
                if (e.errorCode == XAException.XAER_RMFAIL || e.errorCode == XAException.XAER_RMERR
                        || e.errorCode == XAException.XA_RETRY) {
                    retryLater(request, e);
                } else {
                    throw lost(xid, "the database refused to commit it (XA error " + e.errorCode + ")", e);
                }
            }
        }
    }

    /** Deletes old marks after a commit; a failure only leaves them for the next commit. */
    private void forgetOldMarks(XaCommittable xid) {
        try {
            marks.forgetOld(plain(), xid);
        } catch (SQLException e) {
            reset();
            LOG.warn("{}: deleting old marks of {} failed (the next commit tries again): {}", options.name(),
                    XaMarks.TABLE, e.toString());
        }
    }

    /** Whether the database still lists the transaction as prepared. */
    private boolean stillPrepared(XaCommittable xid) throws XAException, SQLException {
        for (Xid prepared : resources().recover()) {
            if (prepared.getFormatId() == xid.getFormatId()
                    && java.util.Arrays.equals(prepared.getGlobalTransactionId(), xid.getGlobalTransactionId())
                    && java.util.Arrays.equals(prepared.getBranchQualifier(), xid.getBranchQualifier())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the transaction's mark shows it committed; asked on a plain connection. */
    private boolean committedBefore(XaCommittable xid) throws SQLException {
        return marks.committed(plain(), xid);
    }

    private Connection plain() throws SQLException {
        if (plain == null) {
            plain = connections.open();
            plain.setAutoCommit(true);
        }
        return plain;
    }

    /**
     * The rows of a checkpoint that will never reach the target: the job stops (restarts would
     * only meet the same transaction again).
     */
    private SuppressRestartsException lost(XaCommittable xid, String why, Exception cause) {
        return new SuppressRestartsException(new JdbcTargetException(options.name() + ": XA transaction " + xid
                + " holds the rows of a completed checkpoint, but " + why + "; those rows are not in the target."
                + " Restore the job from a checkpoint before it, or snapshot the tables again", cause));
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
        if (plain != null) {
            try {
                plain.close();
            } catch (SQLException e) {
                LOG.debug("closing a failed connection: {}", e.toString());
            }
            plain = null;
        }
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
