package io.sluice.sinks.jdbc;

import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recovery, commit and rollback of prepared XA transactions on a fresh XA connection that is left
 * in autocommit mode: MySQL and MariaDB refuse {@code XA COMMIT} and {@code XA ROLLBACK} on a
 * session that has a local transaction open (XAER_OUTSIDE), which a connection switched to manual
 * commit soon has.
 */
final class XaResources implements AutoCloseable {
    private final XAConnection connection;
    private final XAResource resource;

    private XaResources(XAConnection connection) throws SQLException {
        this.connection = connection;
        this.resource = connection.getXAResource();
    }

    static XaResources open(XADataSource dataSource) throws SQLException {
        return new XaResources(dataSource.getXAConnection());
    }

    /** Every prepared transaction the database knows. */
    List<Xid> recover() throws XAException {
        return new ArrayList<>(Arrays.asList(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)));
    }

    void rollback(Xid xid) throws XAException {
        try {
            resource.rollback(xid);
        } catch (XAException e) {
            if (e.errorCode != XAException.XAER_NOTA) {
                throw e;
            }
        }
    }

    /**
     * Commits a prepared transaction.
     *
     * @return false when the database does not know it (committed already, or never prepared)
     */
    boolean commit(Xid xid) throws XAException {
        try {
            resource.commit(xid, false);
            return true;
        } catch (XAException e) {
            if (e.errorCode == XAException.XAER_NOTA) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
