package org.ams.web.audit;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditExportFormat;
import org.ams.audit.AuditFilter;
import org.ams.audit.AuditLog;
import org.ams.audit.AuditVerification;
import org.ams.audit.ChainVerification;
import org.ams.web.PageMessages;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.StreamedContent;

/**
 * Backs {@code audit/log.xhtml}: the audit records, newest first, a page at a time, filtered by time (UTC), user,
 * computer and result; their export; and the verification of the hash chain.
 */
@Named
@ViewScoped
public class AuditLogBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @EJB
    private AuditLog log;

    @EJB
    private AuditVerification verification;

    private LocalDateTime from;
    private LocalDateTime to;
    private String actor;
    private String targetName;
    private String resultCode;
    /** The filter the table and the exports use: the one last applied, not what is half-typed in the fields. */
    private AuditFilter applied = AuditFilter.ANY;
    private ChainVerification lastVerification;
    private transient List<String> resultCodes;

    private final LazyDataModel<AuditEvent> records = new Records();

    /** Makes the typed criteria the table's and the exports' filter. */
    public void apply() {
        if (from != null && to != null && to.isBefore(from)) {
            PageMessages.error("The end of the time range is before its start.");
            return;
        }
        applied = new AuditFilter(from == null ? null : from.toInstant(ZoneOffset.UTC),
                to == null ? null : to.toInstant(ZoneOffset.UTC), actor, targetName, resultCode);
    }

    public void clear() {
        from = null;
        to = null;
        actor = null;
        targetName = null;
        resultCode = null;
        applied = AuditFilter.ANY;
    }

    public void verify() {
        lastVerification = verification.verify();
        if (lastVerification.intact()) {
            PageMessages.info(lastVerification.description());
        } else {
            PageMessages.error(lastVerification.description());
        }
    }

    public StreamedContent exportCsv() {
        return export(AuditExportFormat.CSV);
    }

    public StreamedContent exportJsonLines() {
        return export(AuditExportFormat.JSON_LINES);
    }

    private StreamedContent export(AuditExportFormat format) {
        AuditFilter filter = applied;
        AuditLog service = log;
        return DefaultStreamedContent.builder()
                .name("ams-audit-log-" + LocalDate.now(ZoneOffset.UTC) + "." + format.extension())
                .contentType(format.contentType())
                // Written straight to the response a batch at a time: a large log is never held in memory.
                .writer(out -> service.export(filter, format, out))
                .build();
    }

    public String time(AuditEvent event) {
        return event.getOccurredAt().atZoneSameInstant(ZoneOffset.UTC).format(SHOWN);
    }

    public List<String> getResultCodes() {
        if (resultCodes == null) {
            resultCodes = log.resultCodes();
        }
        return resultCodes;
    }

    public LazyDataModel<AuditEvent> getRecords() {
        return records;
    }

    public ChainVerification getLastVerification() {
        return lastVerification;
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getTargetName() {
        return targetName;
    }

    public void setTargetName(String targetName) {
        this.targetName = targetName;
    }

    public String getResultCode() {
        return resultCode;
    }

    public void setResultCode(String resultCode) {
        this.resultCode = resultCode;
    }

    /** The records of the applied filter, read from the audit log one table page at a time. */
    private final class Records extends LazyDataModel<AuditEvent> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, log.count(applied));
        }

        @Override
        public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                     Map<String, FilterMeta> filterBy) {
            return log.search(applied, first, pageSize);
        }

        @Override
        public String getRowKey(AuditEvent event) {
            return Long.toString(event.getSequence());
        }
    }
}
