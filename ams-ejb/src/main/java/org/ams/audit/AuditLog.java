package org.ams.audit;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ams.platform.LikePattern;
import org.ams.security.RoleNames;

/**
 * What auditors read: the audit records, filtered, a page at a time or exported to a file.
 * <p>
 * Reads run outside transactions, so that a long export never holds a database transaction or the chain's lock.
 */
@Stateless
@RolesAllowed({RoleNames.AUDITOR, RoleNames.ADMINISTRATOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditLog {

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail trail;

    @EJB
    private AuditChain chain;

    @Resource
    private SessionContext context;

    /** The matching records, newest first, {@code max} from position {@code first}. */
    public List<AuditEvent> search(AuditFilter filter, int first, int max) {
        return query(filter, "SELECT e FROM AuditEvent e", " ORDER BY e.sequence DESC", AuditEvent.class)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * The matching records in chain order, {@code max} of those after sequence number {@code after}: a cursor that
     * records appended meanwhile cannot shift, so a script can follow the chain page by page.
     */
    public List<AuditEvent> following(AuditFilter filter, long after, int max) {
        return query(filter, "SELECT e FROM AuditEvent e", " AND e.sequence > :after ORDER BY e.sequence",
                AuditEvent.class)
                .setParameter("after", after)
                .setMaxResults(max)
                .getResultList();
    }

    public long count(AuditFilter filter) {
        return query(filter, "SELECT COUNT(e) FROM AuditEvent e", "", Long.class).getSingleResult();
    }

    /** The result codes that occur in the log, for the filter's choices. */
    public List<String> resultCodes() {
        return em.createQuery("SELECT DISTINCT e.resultCode FROM AuditEvent e WHERE e.resultCode IS NOT NULL "
                + "ORDER BY e.resultCode", String.class).getResultList();
    }

    /**
     * Writes the matching records, oldest first, to {@code out} (which stays open), a batch at a time. The export is
     * recorded in the audit log first, in a transaction of its own: if that record cannot be written, nothing is
     * exported. Records appended while the export runs are not included.
     */
    public void export(AuditFilter filter, AuditExportFormat format, OutputStream out) {
        context.getBusinessObject(AuditLog.class).recordExport(filter, format);
        long last = chain.head().getLastSequence();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        AuditExportWriter export = new AuditExportWriter(format, writer);
        export.begin();
        long after = 0;
        while (true) {
            List<AuditEvent> batch = query(filter, "SELECT e FROM AuditEvent e",
                    " AND e.sequence > :after AND e.sequence <= :last ORDER BY e.sequence", AuditEvent.class)
                    .setParameter("after", after)
                    .setParameter("last", last)
                    .setMaxResults(AuditChain.BATCH)
                    .getResultList();
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(export::write);
            after = batch.get(batch.size() - 1).getSequence();
        }
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called through the container by {@link #export}: the record commits before the first line is written. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordExport(AuditFilter filter, AuditExportFormat format) {
        trail.record("audit.exported", "AuditLog", null, "Audit log",
                "Exported as " + format.extension().toUpperCase(Locale.ROOT) + ": " + filter.describe());
    }

    /**
     * A query over the filter's criteria; {@code tail} continues the WHERE clause (starting with AND) and orders.
     * User text is matched with LIKE, its own wildcards escaped.
     */
    private <T> TypedQuery<T> query(AuditFilter filter, String select, String tail, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" WHERE 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (filter.from() != null) {
            jpql.append(" AND e.occurredAt >= :from");
            parameters.put("from", filter.from().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            jpql.append(" AND e.occurredAt <= :to");
            parameters.put("to", filter.to().atOffset(ZoneOffset.UTC));
        }
        if (filter.actor() != null) {
            jpql.append(" AND LOWER(e.actor) LIKE :actor ESCAPE '!'");
            parameters.put("actor", LikePattern.containing(filter.actor()));
        }
        if (filter.targetName() != null) {
            jpql.append(" AND LOWER(e.targetName) LIKE :targetName ESCAPE '!'");
            parameters.put("targetName", LikePattern.containing(filter.targetName()));
        }
        if (filter.resultCode() != null) {
            jpql.append(" AND e.resultCode = :resultCode");
            parameters.put("resultCode", filter.resultCode());
        }
        TypedQuery<T> query = em.createQuery(jpql.append(tail).toString(), type);
        parameters.forEach(query::setParameter);
        return query;
    }
}
