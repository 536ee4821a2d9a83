package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ams.access.AccessRequestException;
import org.ams.access.AccessSettingsService;
import org.ams.access.RateLimits;
import org.ams.access.SelfServiceOutcome;
import org.ams.access.SelfServiceReason;
import org.ams.access.SelfServiceRecovery;
import org.ams.agents.CheckInReport;
import org.ams.agents.CheckIns;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.audit.AuditVerification;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleTarget;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceGroup;
import org.ams.devices.ReportedFacts;
import org.ams.devices.Tenant;
import org.ams.escrow.Escrow;
import org.ams.escrow.RecoveryKey;
import org.ams.escrow.RotationRequest;
import org.ams.escrow.Rotations;
import org.ams.identity.Role;
import org.ams.notify.NotificationChannels;
import org.ams.notify.channel.ChannelDefinition;
import org.ams.notify.channel.WebhookMethod;
import org.ams.notify.channel.WebhookPreset;
import org.ams.notify.channel.WebhookSettings;
import org.ams.notify.outbox.OutboxEntry;
import org.ams.protocol.RecoveryPassword;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Self-service recovery through the service, as the /recover page calls it for a user signed in with their password:
 * a device's recorded user (reported signed in by its agent at check-in, or set as its primary user) reads its
 * recovery password by the key ID's first 8 characters or all of it; another device's user, an unknown key ID, the
 * setting off, an ambiguous prefix, an explicit Deny and a rate-limit breach are refused and change nothing but
 * their audit record; a read is audited, shown as disclosed and has the device replace the key.
 */
@ExtendWith(ArquillianExtension.class)
class SelfServiceRecoveryIT {

    private static final String ADDRESS_PREFIX = "2001:db8:5e1f::";

    @Inject
    private AsAdministrator admin;
    @Inject
    private AsNobody nobody;
    @Inject
    private DeviceFixture fixture;
    @Inject
    private SignedInCalls signedIn;
    @Inject
    private DeviceDirectory directory;
    @Inject
    private CheckIns checkIns;
    @Inject
    private SelfServiceRecovery recovery;
    @Inject
    private Escrow escrow;
    @Inject
    private Rotations rotations;
    @Inject
    private AuditTrail audit;
    @Inject
    private AuthorizationRules rules;
    @Inject
    private AccessSettingsService accessSettings;
    @Inject
    private NotificationChannels channels;
    @Inject
    private AuditVerification verification;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @DisplayName("The recorded user reads by key ID; others, unknown and ambiguous IDs, the setting off, a Deny and a "
            + "rate-limit breach are refused; a read is audited and rotates the key")
    void selfServiceReads() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Self-service " + suffix()));
        DeviceGroup laptops = as(() -> directory.createGroup(tenant.getId(), "Laptops", null));
        Device own = fixture.register(tenant, "PC-OWN-" + suffix(), laptops);
        Device others = fixture.register(tenant, "PC-OTHER-" + suffix(), laptops);
        Device spare = fixture.register(tenant, "PC-SPARE-" + suffix(), laptops);
        fixture.ensureActiveCertificate("AMS self-service IT " + suffix(), "Self-service-IT-backup");
        String prefix = HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextInt());
        String ownProtector = protector(prefix);
        String spareProtector = protector(prefix);
        String othersProtector = protector(HexFormat.of().withUpperCase()
                .toHexDigits(ThreadLocalRandom.current().nextInt()));
        String ownPassword = password();
        fixture.escrowKeyToActiveCertificate(own, ownProtector, ownPassword);
        fixture.escrowKeyToActiveCertificate(spare, spareProtector, password());
        fixture.escrowKeyToActiveCertificate(others, othersProtector, password());

        SignedInCalls.Caller owner = signedIn.newAccount("ss-owner", Role.SELF_SERVICE);
        SignedInCalls.Caller colleague = signedIn.newAccount("ss-colleague", Role.SELF_SERVICE);
        SignedInCalls.Caller helpdesk = signedIn.newAccount("ss-helpdesk", Role.HELPDESK);
        RateLimits limits = accessSettings.current().getRateLimits();
        String address = ADDRESS_PREFIX + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        try {
            // The agents report who signed in, in the forms Windows writes: NetBIOS domain and account name, and a UPN.
            checkIn(own, List.of("CORP\\" + owner.name(), "CORP\\someone-else"));
            checkIn(others, List.of(colleague.name() + "@corp.example"));
            checkIn(own, null);
            assertEquals(List.of("CORP\\" + owner.name(), "CORP\\someone-else"),
                    as(() -> directory.get(own.getId())).getSignedInUsers(), "a check-in without users keeps them");

            // Off unless turned on.
            SelfServiceOutcome off = read(owner, address, prefix, SelfServiceReason.LOST_PIN, null);
            assertEquals(ResultCode.SELF_SERVICE_OFF, off.result());
            assertNull(off.password());
            as(() -> directory.setSelfServiceRecovery(laptops.getId(), true));

            // The recorded user, by the first 8 characters (lower case, as typed); a global channel is told, as of
            // any access request (its receiver is down: the notification waits in the outbox, never the password).
            UUID global = as(() -> channels.create(ChannelDefinition.webhook("Self-service IT global " + suffix(),
                    true, true, false, new WebhookSettings("http://127.0.0.1:9/self-service-it", WebhookMethod.POST,
                    WebhookPreset.GENERIC_JSON.bodyTemplate())), null, "")).getId();
            SelfServiceOutcome byPrefix;
            try {
                byPrefix = read(owner, address, prefix.toLowerCase(), SelfServiceReason.LOST_PIN, null);
                List<OutboxEntry> told = as(() -> channels.recentDeliveries(200)).stream()
                        .filter(entry -> entry.getChannelId().equals(global)).toList();
                assertEquals(List.of(String.valueOf(byPrefix.auditSequence())),
                        told.stream().map(OutboxEntry::getRequestId).toList(), "the global channel is told");
            } finally {
                as(() -> {
                    channels.delete(global);
                    return null;
                });
            }
            assertEquals(ResultCode.SUCCESS, byPrefix.result(), byPrefix.message());
            assertEquals(ownPassword, byPrefix.password().formatted());
            assertEquals(own.getName(), byPrefix.computerName());
            assertEquals(ownProtector, byPrefix.protectorId());
            assertTrue(byPrefix.rotationAsked());
            RecoveryKey ownKey = key(own, ownProtector);
            List<RotationRequest> asked = as(() -> rotations.ofDevice(own.getId()));
            assertEquals(1, asked.size());
            assertEquals(RotationRequest.Cause.SELF_SERVICE, asked.get(0).getCause());
            assertEquals(ownKey.getId(), asked.get(0).getKey().getId());
            assertEquals(owner.name(), as(() -> rotations.historyOf(own.getId())).lastShown(ownKey.getId())
                    .getDisclosedTo(), "recorded as shown to the user");

            // Another device's key, and a key ID nobody has: the same words, nothing shown.
            SelfServiceOutcome notYours = read(owner, address, othersProtector, SelfServiceReason.BIOS_CHANGED, null);
            SelfServiceOutcome unknown = read(owner, address, "0BADC0DE", SelfServiceReason.TPM_RESET, null);
            SelfServiceOutcome colleagues = read(colleague, address, prefix, SelfServiceReason.OTHER, "Dock swapped");
            assertEquals(ResultCode.NOT_A_USER_OF_THE_DEVICE, notYours.result());
            assertEquals(ResultCode.NOT_A_USER_OF_THE_DEVICE, colleagues.result(), "the colleague's device is another");
            assertEquals(ResultCode.KEY_ID_NOT_FOUND, unknown.result());
            assertEquals(notYours.message(), unknown.message());
            assertNull(notYours.password());
            assertNull(colleagues.password());

            // The colleague reads their own device by its full protector id.
            SelfServiceOutcome colleagueOwn = read(colleague, address, othersProtector,
                    SelfServiceReason.OTHER, "Dock swapped");
            assertEquals(ResultCode.SUCCESS, colleagueOwn.result(), colleagueOwn.message());

            // A primary user: the owner's second device shares the 8 characters, which no longer decide.
            assertThrows(DeviceException.class, () -> as(() -> directory.setPrimaryUser(spare.getId(), "CORP\\")));
            as(() -> directory.setPrimaryUser(spare.getId(), owner.name() + "@corp.example"));
            SelfServiceOutcome ambiguous = read(owner, address, prefix, SelfServiceReason.LOST_PIN, null);
            assertEquals(ResultCode.KEY_ID_AMBIGUOUS, ambiguous.result());
            assertTrue(ambiguous.message().contains("2 of your devices"), ambiguous.message());
            SelfServiceOutcome full = read(owner, address, spareProtector, SelfServiceReason.LOST_PIN, null);
            assertEquals(ResultCode.SUCCESS, full.result(), "the primary user, by the full key ID");
            assertEquals(spare.getName(), full.computerName());

            // An explicit Deny of the recovery passwords still wins.
            as(() -> rules.create(new RuleDefinition(RuleTarget.computer(own.getId()), "No self-service here", true,
                    null, List.of(AccessControlEntry.deny(owner.principal(),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD)))));
            SelfServiceOutcome denied = read(owner, address, ownProtector, SelfServiceReason.LOST_PIN, null);
            assertEquals(ResultCode.EXPLICITLY_DENIED, denied.result());
            assertNull(denied.password());

            // Bad input: a clear refusal, nothing recorded.
            long before = recordsOf(owner.name()).size();
            assertEquals("Type at least the first 8 characters of the recovery key ID the BitLocker recovery screen "
                    + "shows (digits 0-9 and letters A-F).", assertThrows(AccessRequestException.class,
                    () -> read(owner, address, "PC-OWN", SelfServiceReason.LOST_PIN, null)).getMessage());
            assertThrows(AccessRequestException.class, () -> read(owner, address, prefix, SelfServiceReason.OTHER,
                    "  "));
            assertThrows(AccessRequestException.class, () -> read(owner, address, prefix, null, null));
            assertEquals(before, recordsOf(owner.name()).size(), "refused input is not a request");

            // The rate limit: the next read over the user's daily limit is refused and changes nothing.
            limits(new RateLimits(0, 0, (int) before, 0, 0, 0));
            SelfServiceOutcome limited = read(colleague, address, othersProtector, SelfServiceReason.LOST_PIN, null);
            assertEquals(ResultCode.SUCCESS, limited.result(), "the colleague is under the limit");
            SelfServiceOutcome breach = read(owner, address, spareProtector, SelfServiceReason.LOST_PIN, null);
            assertEquals(ResultCode.USER_RATE_LIMIT_EXCEEDED, breach.result());
            assertNull(breach.password());
            assertEquals(1, as(() -> rotations.historyOf(spare.getId()).timesShown(key(spare, spareProtector)
                    .getId())), "no new showing");
            limits(limits);

            // Turned off again: refused.
            as(() -> directory.setSelfServiceRecovery(laptops.getId(), false));
            assertEquals(ResultCode.SELF_SERVICE_OFF, read(owner, address, spareProtector,
                    SelfServiceReason.LOST_PIN, null).result());

            // Only the SelfService role may ask; the run-as administrator has not signed in at all.
            assertThrows(EJBAccessException.class, () -> signedIn.as(helpdesk, () -> recovery.recover(address,
                    prefix, SelfServiceReason.LOST_PIN, null)));
            assertThrows(EJBAccessException.class, () -> as(() -> recovery.recover(address, prefix,
                    SelfServiceReason.LOST_PIN, null)));
        } finally {
            limits(limits);
            signedIn.retire(owner);
            signedIn.retire(colleague);
            signedIn.retire(helpdesk);
        }

        List<AuditEvent> records = recordsOf(owner.name());
        assertEquals(List.of("SELF_SERVICE_OFF", "USER_RATE_LIMIT_EXCEEDED", "EXPLICITLY_DENIED", "SUCCESS",
                        "KEY_ID_AMBIGUOUS", "KEY_ID_NOT_FOUND", "NOT_A_USER_OF_THE_DEVICE", "SUCCESS", "SELF_SERVICE_OFF"),
                records.stream().map(AuditEvent::getResultCode).toList(), "newest first");
        AuditEvent granted = records.get(records.size() - 2);
        assertEquals(SelfServiceRecovery.ACTION, granted.getAction());
        assertEquals(own.getId().toString(), granted.getTargetId());
        assertEquals("Lost PIN", granted.getReason());
        assertEquals(address, granted.getClientAddress());
        assertEquals(Permission.READ_BITLOCKER_RECOVERY_PASSWORD.name(), granted.getPermission());
        assertTrue(granted.getDetails().contains(ownProtector) && granted.getDetails().contains("signed in on the "
                + "device") && granted.getDetails().contains("Laptops"), granted.getDetails());
        AuditEvent notYoursRecord = records.get(records.size() - 3);
        assertTrue(notYoursRecord.getDetails().contains(others.getName()), "the administrators learn which device: "
                + notYoursRecord.getDetails());
        assertEquals("No self-service here", records.get(2).getRuleDescription());
        assertEquals("Other: Dock swapped", recordsOf(colleague.name()).get(2).getReason());
        List<AuditEvent> all = as(() -> audit.latest(5000));
        assertTrue(all.stream().anyMatch(record -> Rotations.REQUESTED.equals(record.getAction())
                && own.getId().toString().equals(record.getTargetId())
                && record.getDetails().contains("self-service")), "the rotation is in the audit log");
        assertEquals(2, all.stream().filter(record -> DeviceDirectory.SELF_SERVICE_CHANGED.equals(record.getAction())
                && laptops.getId().toString().equals(record.getTargetId())).count(), "turned on, then off");
        assertTrue(all.stream().anyMatch(record -> DeviceDirectory.PRIMARY_USER_CHANGED.equals(record.getAction())
                && record.getDetails().contains(owner.name() + "@corp.example")));
        String everything = all.stream().map(record -> record.getDetails() + " " + record.getReason())
                .collect(Collectors.joining("\n"));
        assertFalse(everything.contains(ownPassword), "no recovery password in the audit log");
        assertTrue(as(() -> verification.verify()).intact(), "every step is in the intact hash chain");
    }

    private SelfServiceOutcome read(SignedInCalls.Caller caller, String address, String keyId,
                                    SelfServiceReason reason, String other) throws Exception {
        return signedIn.as(caller, () -> recovery.recover(address, keyId, reason, other));
    }

    private void checkIn(Device device, List<String> users) throws Exception {
        as(() -> checkIns.checkIn(directory.get(device.getId()), new CheckInReport(new ReportedFacts(
                device.getName(), null, "Windows 11", "10.0.22631", "it"), null, List.of(), users)));
    }

    private RecoveryKey key(Device device, String protectorId) throws Exception {
        return as(() -> escrow.keysOf(device.getId())).stream()
                .filter(key -> key.getProtectorId().equals(protectorId)).findFirst().orElseThrow();
    }

    /** The user's self-service records, newest first. */
    private List<AuditEvent> recordsOf(String username) throws Exception {
        return as(() -> audit.latest(5000)).stream().filter(record -> username.equals(record.getActor()))
                .filter(record -> SelfServiceRecovery.ACTION.equals(record.getAction())).toList();
    }

    private void limits(RateLimits limits) throws Exception {
        as(() -> accessSettings.changeRateLimits(accessSettings.current().getVersion(), limits));
    }

    /** A protector id starting with the 8 hex digits given, the rest random. */
    private static String protector(String first8) {
        String rest = UUID.randomUUID().toString().toUpperCase().substring(8);
        return "{" + first8 + rest + "}";
    }

    /** A random valid recovery password: eight groups, each 11 times a number below 65536. */
    private static String password() {
        SecureRandom random = new SecureRandom();
        String password = IntStream.range(0, 8).mapToObj(i -> String.format("%06d", 11 * random.nextInt(65536)))
                .collect(Collectors.joining("-"));
        return RecoveryPassword.parse(password).formatted();
    }

    private <T> T as(Callable<T> work) throws Exception {
        return admin.call(work);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
