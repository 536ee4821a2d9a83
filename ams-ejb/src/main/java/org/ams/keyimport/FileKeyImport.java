package org.ams.keyimport;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.audit.AuditTrail;
import org.ams.crypto.EncryptionCertificate;
import org.ams.crypto.SecretVault;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.Directory;
import org.ams.devices.ReportedFacts;
import org.ams.devices.Tenant;
import org.ams.escrow.Escrow;
import org.ams.escrow.RecoveryKey;
import org.ams.keyimport.RecoveryKeyFile.BadRow;
import org.ams.keyimport.RecoveryKeyFile.Row;
import org.ams.security.RoleNames;

/**
 * Importing recovery passwords from a CSV file (Devices / Import): a preview that stores nothing, and the import,
 * which stores every row in one transaction or nothing. Each valid row's recovery password is sealed at once to the
 * active encryption certificate and kept as a key of its computer, with the origin "imported from file <name> at T by
 * <user>", as the Active Directory import keeps what it reads; a computer no device is yet becomes an "imported, no
 * agent" device of the chosen tenant, which an agent registering later joins.
 * <p>
 * Both steps check the file against what AMS holds: a key id AMS already holds with another password or for another
 * computer, a key id twice in the file with different passwords or computers, and a computer name that matches two
 * devices are bad rows, as are the rows {@link RecoveryKeyFile} refuses on their own. The import refuses a file with
 * bad rows unless the administrator asks for the valid rows only.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class FileKeyImport {

    /** Audit actions: a file imported (with its counts), and an import refused because of bad rows. */
    public static final String IMPORTED = "bitlocker-import.file-imported";
    public static final String REFUSED = "bitlocker-import.file-refused";
    /** The directory of a tenant that computers imported from files land in. */
    public static final String DIRECTORY_NAME = "File import";
    private static final String VOLUME_NOT_RECORDED = "(volume not recorded)";
    private static final int MAX_FILE_NAME = 100;
    private static final int CHUNK = 500;
    private static final int AUDITED_BAD_ROWS = 20;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private DeviceDirectory devices;

    @EJB
    private Escrow escrow;

    @EJB
    private SecretVault vault;

    @EJB
    private AuditTrail audit;

    @Resource
    private SessionContext context;

    /** What importing the file into the tenant would do; nothing is stored or recorded. */
    public FileImportResult preview(UUID tenantId, String fileName, byte[] file) {
        Tenant tenant = tenant(tenantId);
        Plan plan = plan(tenant, RecoveryKeyFile.read(file));
        return plan.result(fileName(fileName), tenant, false);
    }

    /**
     * Imports the file into the tenant in one transaction. A file with bad rows is refused (nothing stored, the refusal
     * audited) unless {@code validRowsOnly}: then its valid rows are stored and its bad rows left out.
     *
     * @throws KeyImportException if the file cannot be read as a whole; nothing is stored
     */
    public FileImportResult importFile(UUID tenantId, String fileName, byte[] file, boolean validRowsOnly) {
        Tenant tenant = tenant(tenantId);
        String name = fileName(fileName);
        EncryptionCertificate sealTo = vault.activeCertificate().orElse(null);
        if (sealTo == null) {
            throw new KeyImportException("No encryption certificate is active, so the recovery passwords cannot be "
                    + "sealed: generate or import one on Access Manager Agent / Password settings, back it up and set "
                    + "it active, then import again.");
        }
        Plan plan = plan(tenant, RecoveryKeyFile.read(file));
        if (plan.bad.size() > 0 && !validRowsOnly) {
            FileImportResult refused = plan.result(name, tenant, false);
            audit.record(REFUSED, "Tenant", tenant.getId().toString(), tenant.getName(), "File " + name + ": "
                    + refused.summary() + "; nothing imported" + badLines(refused));
            return refused;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String origin = "imported from file " + name + " at " + now.format(RecoveryKey.ORIGIN_TIME) + " by "
                + context.getCallerPrincipal().getName();
        Directory landing;
        try {
            landing = devices.importDirectory(tenant.getId(), DIRECTORY_NAME);
        } catch (DeviceException e) {
            throw new KeyImportException(e.getMessage());
        }
        Map<String, Device> created = new HashMap<>();
        for (Row row : plan.newKeys) {
            Device device = plan.deviceOf.get(key(row.computer()));
            if (device == null) {
                device = created.computeIfAbsent(key(row.computer()), computer -> newDevice(landing, row.computer()));
            }
            escrow.importKey(device, row.volumeId() == null ? VOLUME_NOT_RECORDED : row.volumeId(), row.driveType(),
                    row.keyId(), row.password(), row.createdAt() == null ? now : row.createdAt(), origin, sealTo);
        }
        FileImportResult result = plan.result(name, tenant, true);
        audit.record(IMPORTED, "Tenant", tenant.getId().toString(), tenant.getName(), "File " + name + " into "
                + tenant.getName() + " / " + landing.getName() + ": " + result.summary()
                + (result.hasBadRows() ? "; the bad rows were left out" + badLines(result) : ""));
        return result;
    }

    private Device newDevice(Directory landing, String computer) {
        int dot = computer.indexOf('.');
        ReportedFacts facts = dot > 0
                ? new ReportedFacts(computer.substring(0, dot), computer.toLowerCase(Locale.ROOT), null, null, null)
                : new ReportedFacts(computer, null, null, null, null);
        return devices.add(Device.imported(landing, facts));
    }

    private Tenant tenant(UUID tenantId) {
        try {
            return devices.tenant(tenantId == null ? Tenant.DEFAULT : tenantId);
        } catch (DeviceException e) {
            throw new KeyImportException(e.getMessage());
        }
    }

    /** The name as the origin and the audit trail show it: no folders, no control characters, not too long. */
    static String fileName(String fileName) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.chars().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.isEmpty()) {
            return "(unnamed)";
        }
        return name.length() > MAX_FILE_NAME ? name.substring(0, MAX_FILE_NAME) + "..." : name;
    }

    private static String badLines(FileImportResult result) {
        if (!result.hasBadRows()) {
            return "";
        }
        List<BadRow> shown = result.badRows().subList(0, Math.min(AUDITED_BAD_ROWS, result.badRows().size()));
        return ". Bad rows: " + shown.stream().map(b -> "line " + b.line() + ": " + b.reason())
                .collect(Collectors.joining(" ")) + (result.badRows().size() > shown.size()
                ? " and " + (result.badRows().size() - shown.size()) + " more" : "");
    }

    private static String key(String computer) {
        return computer.toLowerCase(Locale.ROOT);
    }

    /** The rows sorted out: the keys to store, those AMS already holds, the bad ones, and each computer's device. */
    private static final class Plan {
        final int rows;
        final List<Row> newKeys = new ArrayList<>();
        int unchanged;
        final List<BadRow> bad = new ArrayList<>();
        final Map<String, Device> deviceOf = new HashMap<>();
        final Set<String> toCreate = new TreeSet<>();

        Plan(int rows) {
            this.rows = rows;
        }

        FileImportResult result(String fileName, Tenant tenant, boolean stored) {
            List<BadRow> sorted = new ArrayList<>(bad);
            sorted.sort(Comparator.comparingInt(BadRow::line));
            return new FileImportResult(fileName, tenant.getName(), rows, newKeys.size(), unchanged, toCreate.size(),
                    sorted, stored);
        }
    }

    private Plan plan(Tenant tenant, RecoveryKeyFile.Content content) {
        Plan plan = new Plan(content.rowCount());
        plan.bad.addAll(content.badRows());
        List<Row> rows = withinFile(content.rows(), plan);
        Map<String, List<Device>> matches = devicesNamed(tenant, rows);
        List<Row> matched = new ArrayList<>();
        for (Row row : rows) {
            List<Device> same = matches.getOrDefault(key(row.computer()), List.of());
            if (same.size() > 1) {
                plan.bad.add(new BadRow(row.line(), "the computer name " + row.computer() + " matches "
                        + same.size() + " devices (" + same.stream().map(d -> d.getName() + " in "
                        + d.getDirectory().getTenant().getName() + " / " + d.getDirectory().getName())
                        .collect(Collectors.joining(", ")) + "); rename or delete one of them first."));
                continue;
            }
            if (same.size() == 1) {
                plan.deviceOf.put(key(row.computer()), same.get(0));
            }
            matched.add(row);
        }
        Map<String, List<RecoveryKey>> held = heldKeys(matched);
        for (Row row : matched) {
            Device device = plan.deviceOf.get(key(row.computer()));
            List<RecoveryKey> keys = held.getOrDefault(row.keyId().value(), List.of());
            if (keys.isEmpty()) {
                plan.newKeys.add(row);
                if (device == null) {
                    plan.toCreate.add(key(row.computer()));
                }
                continue;
            }
            RecoveryKey elsewhere = keys.stream().filter(k -> device == null
                    || !k.getDevice().getId().equals(device.getId())).findFirst().orElse(null);
            if (elsewhere != null) {
                plan.bad.add(new BadRow(row.line(), "AMS already holds key id " + row.keyId().value()
                        + " for the computer " + elsewhere.getDevice().getName() + " ("
                        + elsewhere.getDevice().getDirectory().getTenant().getName() + " / "
                        + elsewhere.getDevice().getDirectory().getName() + ")."));
            } else if (keys.stream().anyMatch(k -> vault.openRecoveryPassword(k.getSecretId())
                    .equals(row.password()))) {
                plan.unchanged++;
            } else {
                plan.bad.add(new BadRow(row.line(), "AMS already holds key id " + row.keyId().value() + " of "
                        + device.getName() + " with a different recovery password."));
            }
        }
        return plan;
    }

    /**
     * Rows of one key id: the first kept when the others repeat it exactly (counted unchanged), every one bad when
     * they differ in password or computer.
     */
    private static List<Row> withinFile(List<Row> rows, Plan plan) {
        Map<String, List<Row>> byKeyId = new LinkedHashMap<>();
        for (Row row : rows) {
            byKeyId.computeIfAbsent(row.keyId().value(), id -> new ArrayList<>()).add(row);
        }
        List<Row> kept = new ArrayList<>();
        for (List<Row> same : byKeyId.values()) {
            Row first = same.get(0);
            boolean agree = same.stream().allMatch(r -> r.password().equals(first.password())
                    && key(r.computer()).equals(key(first.computer())));
            if (agree) {
                kept.add(first);
                plan.unchanged += same.size() - 1;
                continue;
            }
            boolean passwordsDiffer = same.stream().anyMatch(r -> !r.password().equals(first.password()));
            for (Row row : same) {
                String others = same.stream().filter(r -> r != row).map(r -> String.valueOf(r.line()))
                        .collect(Collectors.joining(", "));
                plan.bad.add(new BadRow(row.line(), "key id " + row.keyId().value() + " is also on line(s) " + others
                        + (passwordsDiffer ? " with a different recovery password." : " for another computer.")));
            }
        }
        kept.sort(Comparator.comparingInt(Row::line));
        return kept;
    }

    /**
     * The tenant's devices (not deleted) each row's computer is, by the rule the key import and the agent's
     * registration use: a fully qualified name matches the DNS name, or the computer name of a device without one;
     * a plain name matches the computer name. Case-insensitive, as Windows names are.
     */
    private Map<String, List<Device>> devicesNamed(Tenant tenant, List<Row> rows) {
        Set<String> computers = rows.stream().map(r -> key(r.computer())).collect(Collectors.toCollection(TreeSet::new));
        Set<String> names = computers.stream().map(c -> c.indexOf('.') > 0 ? c.substring(0, c.indexOf('.')) : c)
                .collect(Collectors.toSet());
        Set<String> dnsNames = computers.stream().filter(c -> c.indexOf('.') > 0).collect(Collectors.toSet());
        List<Device> candidates = new ArrayList<>();
        for (List<String> chunk : chunks(names)) {
            candidates.addAll(em.createQuery("SELECT d FROM Device d JOIN FETCH d.directory WHERE "
                            + "d.directory.tenant.id = :tenant AND d.state <> org.ams.devices.DeviceState.DELETED "
                            + "AND d.nameKey IN :names", Device.class)
                    .setParameter("tenant", tenant.getId()).setParameter("names", chunk).getResultList());
        }
        for (List<String> chunk : chunks(dnsNames)) {
            candidates.addAll(em.createQuery("SELECT d FROM Device d JOIN FETCH d.directory WHERE "
                            + "d.directory.tenant.id = :tenant AND d.state <> org.ams.devices.DeviceState.DELETED "
                            + "AND LOWER(d.dnsName) IN :names", Device.class)
                    .setParameter("tenant", tenant.getId()).setParameter("names", chunk).getResultList());
        }
        Map<UUID, Device> distinct = new LinkedHashMap<>();
        candidates.forEach(d -> distinct.putIfAbsent(d.getId(), d));
        Map<String, List<Device>> matches = new HashMap<>();
        for (String computer : computers) {
            int dot = computer.indexOf('.');
            List<Device> same = distinct.values().stream().filter(d -> dot > 0
                    ? computer.equals(lower(d.getDnsName()))
                    || (d.getDnsName() == null && computer.substring(0, dot).equals(lower(d.getName())))
                    : computer.equals(lower(d.getName()))).toList();
            matches.put(computer, same);
        }
        return matches;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** Every key AMS holds (current or history, on any device) with one of the rows' key ids. */
    private Map<String, List<RecoveryKey>> heldKeys(List<Row> rows) {
        Set<String> ids = rows.stream().map(r -> r.keyId().value()).collect(Collectors.toCollection(TreeSet::new));
        Map<String, List<RecoveryKey>> held = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            em.createQuery("SELECT k FROM RecoveryKey k JOIN FETCH k.device WHERE k.protectorId IN :ids",
                            RecoveryKey.class)
                    .setParameter("ids", chunk).getResultStream()
                    .forEach(k -> held.computeIfAbsent(k.getProtectorId(), id -> new ArrayList<>()).add(k));
        }
        return held;
    }

    private static List<List<String>> chunks(Set<String> values) {
        List<String> all = new ArrayList<>(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
