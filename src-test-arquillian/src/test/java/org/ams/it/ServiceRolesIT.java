package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateful;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.agents.AgentCalls;
import org.ams.agents.AgentRegistration;
import org.ams.agents.AgentSupport;
import org.ams.agents.CheckIns;
import org.ams.agents.DeviceAuthenticator;
import org.ams.agents.ExpiredAssertionSweeper;
import org.ams.agents.RegistrationKeys;
import org.ams.audit.AuditChain;
import org.ams.audit.AuditFilter;
import org.ams.audit.AuditLog;
import org.ams.audit.AuditRecorded;
import org.ams.audit.AuditTrail;
import org.ams.audit.AuditVerification;
import org.ams.audit.UnchainedRecordsAtStartup;
import org.ams.audit.forward.AuditForwarder;
import org.ams.audit.forward.AuditForwarding;
import org.ams.audit.forward.ForwardingProgress;
import org.ams.authz.AuthorizationDecisions;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.CurrentRules;
import org.ams.authz.RuleChannel;
import org.ams.authz.RuleSnapshotLoader;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.crypto.RotationBatch;
import org.ams.crypto.RotationFinished;
import org.ams.crypto.RotationResumption;
import org.ams.crypto.RotationRunner;
import org.ams.crypto.RotationStarted;
import org.ams.crypto.SecretKind;
import org.ams.crypto.SecretVault;
import org.ams.dashboard.Dashboard;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Targets;
import org.ams.escrow.Escrow;
import org.ams.escrow.EscrowVerification;
import org.ams.escrow.EscrowVerificationBatch;
import org.ams.escrow.OverdueRotations;
import org.ams.escrow.Rotations;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.keyimport.FileKeyImport;
import org.ams.keyimport.KeyImportBatch;
import org.ams.keyimport.KeyImportRunner;
import org.ams.keyimport.KeyImports;
import org.ams.keyimport.SyncWindow;
import org.ams.identity.local.AdministratorBootstrap;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroupService;
import org.ams.identity.oidc.OidcProviderService;
import org.ams.identity.oidc.OidcSignIn;
import org.ams.identity.signin.CallerIdentity;
import org.ams.identity.signin.RoleService;
import org.ams.identity.signin.SignInFailures;
import org.ams.identity.signin.SignInService;
import org.ams.metrics.OperationalFigures;
import org.ams.notify.NotificationChannels;
import org.ams.notify.Notifications;
import org.ams.notify.SystemAlerts;
import org.ams.notify.outbox.Outbox;
import org.ams.notify.outbox.OutboxFilled;
import org.ams.notify.outbox.OutboxWorker;
import org.ams.platform.DatabaseMigrated;
import org.ams.platform.DatabaseMigration;
import org.ams.policy.AgentPolicies;
import org.ams.policy.KeyRotationPolicy;
import org.ams.policy.Platform;
import org.ams.policy.PolicyResolver;
import org.ams.security.RoleNames;
import org.ams.token.ApiTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services refuse whoever their table below does not name, whatever the web tier lets through: every public
 * business method of every EJB is called as an Administrator, a Helpdesk user, an Auditor and a self-service user
 * (each holding that role alone, through {@link AsAdministrator}, {@link AsHelpdesk}, {@link AsAuditor} and
 * {@link AsSelfService}) and as no one ({@link AsNobody}: the agent API and background jobs have no caller), and
 * must answer {@code EJBAccessException} exactly where the
 * table says the caller may not call it; anything else (an unknown id, an argument refused) counts as allowed.
 * <p>
 * The table is the specification: its rows must cover every business method of every EJB in {@code org.ams}, and the
 * annotations must say the same. Each call's arguments change nothing (unknown ids, invalid input), and each runs in a
 * transaction that is rolled back, so the matrix leaves nothing behind on the shared server; the audit chain's head
 * is checked to be where it was.
 * <p>
 * The {@code access} package's services (access requests, visible computers, access settings) are not in the table:
 * who calls them and how is being reworked; {@code DeclaredCallersTest} still requires them to declare their callers.
 */
@ExtendWith(ArquillianExtension.class)
class ServiceRolesIT {

    /** Who calls: a user holding one role, or no one at all. */
    enum Caller {
        ADMINISTRATOR, HELPDESK, AUDITOR, SELF_SERVICE, NOBODY
    }

    private static final Set<Caller> ADMINISTRATOR = EnumSet.of(Caller.ADMINISTRATOR);
    private static final Set<Caller> HELPDESK = EnumSet.of(Caller.HELPDESK);
    private static final Set<Caller> ADMINISTRATOR_HELPDESK = EnumSet.of(Caller.ADMINISTRATOR, Caller.HELPDESK);
    private static final Set<Caller> ADMINISTRATOR_AUDITOR = EnumSet.of(Caller.ADMINISTRATOR, Caller.AUDITOR);
    private static final Set<Caller> SELF_SERVICE = EnumSet.of(Caller.SELF_SERVICE);
    /** The access requests' callers and the self-service reads' callers (who ask for their own device only). */
    private static final Set<Caller> ACCESS_AND_SELF_SERVICE = EnumSet.of(Caller.ADMINISTRATOR, Caller.HELPDESK,
            Caller.SELF_SERVICE);
    /** {@code @PermitAll}: the agent API, sign-in, health probes and background jobs, which have no caller. */
    private static final Set<Caller> ANYONE = EnumSet.allOf(Caller.class);

    private static final UUID UNKNOWN = UUID.fromString("00000000-0000-4000-8000-00000000dead");
    /** Packages whose EJBs the table leaves out, with the reason in the class comment. */
    private static final Set<String> LEFT_OUT = Set.of("org.ams.access");

    @Inject
    private AsAdministrator administrator;
    @Inject
    private AsHelpdesk helpdesk;
    @Inject
    private AsAuditor auditor;
    @Inject
    private AsSelfService selfService;
    @Inject
    private AsNobody nobody;
    @Inject
    private BeanManager beans;
    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    @Inject
    private AgentCalls agentCalls;
    @Inject
    private AgentRegistration agentRegistration;
    @Inject
    private AgentSupport agentSupport;
    @Inject
    private CheckIns checkIns;
    @Inject
    private DeviceAuthenticator deviceAuthenticator;
    @Inject
    private RegistrationKeys registrationKeys;
    @Inject
    private AuditChain auditChain;
    @Inject
    private AuditTrail auditTrail;
    @Inject
    private AuditLog auditLog;
    @Inject
    private AuditVerification auditVerification;
    @Inject
    private AuditForwarder auditForwarder;
    @Inject
    private OperationalFigures operationalFigures;
    @Inject
    private AuditForwarding auditForwarding;
    @Inject
    private ForwardingProgress forwardingProgress;
    @Inject
    private AuthorizationDecisions decisions;
    @Inject
    private AuthorizationRules rules;
    @Inject
    private CurrentRules currentRules;
    @Inject
    private RuleSnapshotLoader ruleSnapshotLoader;
    @Inject
    private EncryptionCertificateService certificates;
    @Inject
    private RotationBatch rotationBatch;
    @Inject
    private RotationRunner rotationRunner;
    @Inject
    private SecretVault vault;
    @Inject
    private Dashboard dashboard;
    @Inject
    private DeviceDirectory devices;
    @Inject
    private Targets targets;
    @Inject
    private Escrow escrow;
    @Inject
    private Rotations rotations;
    @Inject
    private EscrowVerification escrowVerification;
    @Inject
    private EscrowVerificationBatch escrowVerificationBatch;
    @Inject
    private OverdueRotations overdueRotations;
    @Inject
    private AdministratorBootstrap administratorBootstrap;
    @Inject
    private DirectorySourceService directorySources;
    @Inject
    private KeyImports keyImports;
    @Inject
    private KeyImportRunner keyImportRunner;
    @Inject
    private KeyImportBatch keyImportBatch;
    @Inject
    private FileKeyImport fileKeyImport;
    @Inject
    private LocalAccountService localAccounts;
    @Inject
    private LocalGroupService localGroups;
    @Inject
    private RoleService roles;
    @Inject
    private SignInService signIn;
    @Inject
    private SignInFailures signInFailures;
    @Inject
    private OidcProviderService oidcProviders;
    @Inject
    private OidcSignIn oidcSignIn;

    @Inject
    private CallerIdentity callerIdentity;
    @Inject
    private NotificationChannels channels;
    @Inject
    private Notifications notifications;
    @Inject
    private ApiTokens apiTokens;
    @Inject
    private Outbox outbox;
    @Inject
    private OutboxWorker outboxWorker;
    @Inject
    private SystemAlerts systemAlerts;
    @Inject
    private DatabaseMigration databaseMigration;
    @Inject
    private AgentPolicies agentPolicies;
    @Inject
    private PolicyResolver policyResolver;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    /**
     * Who may call what: one row per business method, grouped by EJB, with arguments that change nothing. The roles
     * are those the console's pages need (Administrator: {@code /admin/*}; Helpdesk: the Request access page, through
     * the access requests; Auditor and Administrator: the audit log), and "anyone" where the agent API, sign-in, the
     * health probes or a background job call without a signed-in user.
     */
    private List<Row> table() throws Exception {
        boolean agentSupportEnabled = administrator.call(agentSupport::enabled);
        List<Row> table = new ArrayList<>();

        // The agent API: no signed-in user; the device's signed assertion or the registration key is the credential.
        table.add(row(AgentCalls.class, "checkIn(String, String, Supplier)", ANYONE,
                () -> agentCalls.checkIn(null, null, () -> null)));
        table.add(row(AgentCalls.class, "uploadKeys(String, String, Supplier)", ANYONE,
                () -> agentCalls.uploadKeys(null, null, List::of)));
        table.add(row(AgentRegistration.class, "register(String, byte[], ReportedFacts)", ANYONE,
                () -> agentRegistration.register(null, null, null)));
        table.add(row(CheckIns.class, "checkIn(Device, CheckInReport)", ANYONE,
                () -> checkIns.checkIn(null, null)));
        table.add(row(DeviceAuthenticator.class, "authenticate(String, String, boolean)", ANYONE,
                () -> deviceAuthenticator.authenticate(null, null, false)));
        table.add(row(DeviceAuthenticator.class, "forgetExpired()", ANYONE, deviceAuthenticator::forgetExpired));
        // Agent registration page (Administrator); each agent call asks whether agent support is on.
        table.add(row(AgentSupport.class, "enabled()", ADMINISTRATOR, agentSupport::enabled));
        table.add(row(AgentSupport.class, "requireEnabled()", ANYONE, agentSupport::requireEnabled));
        table.add(row(AgentSupport.class, "setEnabled(boolean)", ADMINISTRATOR,
                () -> agentSupport.setEnabled(agentSupportEnabled)));
        table.add(row(RegistrationKeys.class, "all()", ADMINISTRATOR, registrationKeys::all));
        table.add(row(RegistrationKeys.class, "create(UUID, String, Integer, OffsetDateTime, boolean, Set)",
                ADMINISTRATOR, () -> registrationKeys.create(UNKNOWN, null, null, null, false, Set.of())));
        table.add(row(RegistrationKeys.class, "setEnabled(UUID, boolean)", ADMINISTRATOR,
                () -> registrationKeys.setEnabled(UNKNOWN, true)));
        table.add(row(RegistrationKeys.class, "findByKeyForActivation(String)", ANYONE,
                () -> registrationKeys.findByKeyForActivation("amsreg_unknown")));

        // The audit trail: every audited action appends, whoever calls; reading it is for Auditors and Administrators.
        table.add(row(AuditChain.class, "lockedHead()", ANYONE, auditChain::lockedHead));
        table.add(row(AuditChain.class, "head()", ANYONE, auditChain::head));
        table.add(row(AuditChain.class, "chainUnchainedRecords()", ANYONE, auditChain::chainUnchainedRecords));
        table.add(row(AuditTrail.class, "record(String, String, String, String, String)", ANYONE,
                () -> auditTrail.record(null, null, null, null, null)));
        table.add(row(AuditTrail.class, "record(AuditEntry)", ANYONE, () -> auditTrail.record(null)));
        table.add(row(AuditTrail.class, "latest(int)", ADMINISTRATOR_AUDITOR, () -> auditTrail.latest(1)));
        table.add(row(AuditLog.class, "search(AuditFilter, int, int)", ADMINISTRATOR_AUDITOR,
                () -> auditLog.search(AuditFilter.ANY, 0, 1)));
        table.add(row(AuditLog.class, "following(AuditFilter, long, int)", ADMINISTRATOR_AUDITOR,
                () -> auditLog.following(AuditFilter.ANY, 0, 1)));
        table.add(row(AuditLog.class, "count(AuditFilter)", ADMINISTRATOR_AUDITOR, () -> auditLog.count(AuditFilter.ANY)));
        table.add(row(AuditLog.class, "resultCodes()", ADMINISTRATOR_AUDITOR, auditLog::resultCodes));
        // Without a format the export's own record (a transaction of its own) is refused before it is written.
        table.add(row(AuditLog.class, "export(AuditFilter, AuditExportFormat, OutputStream)", ADMINISTRATOR_AUDITOR,
                () -> auditLog.export(AuditFilter.ANY, null, OutputStream.nullOutputStream())));
        table.add(row(AuditLog.class, "recordExport(AuditFilter, AuditExportFormat)", ADMINISTRATOR_AUDITOR,
                () -> auditLog.recordExport(AuditFilter.ANY, null)));
        table.add(row(AuditVerification.class, "verify()", ADMINISTRATOR_AUDITOR, auditVerification::verify));
        table.add(row(AuditForwarder.class, "wake(AuditRecorded)", ANYONE,
                () -> auditForwarder.wake(new AuditRecorded(0, "audit.test", null))));
        table.add(row(AuditForwarding.class, "current()", ADMINISTRATOR, auditForwarding::current));
        table.add(row(AuditForwarding.class, "status()", ADMINISTRATOR, auditForwarding::status));
        table.add(row(AuditForwarding.class, "change(long, boolean, SyslogTarget)", ADMINISTRATOR,
                () -> auditForwarding.change(-1, false, null)));
        // Sends a test message if a receiver is saved (none listens by now); its audit record is rolled back.
        table.add(row(AuditForwarding.class, "sendTest()", ADMINISTRATOR, auditForwarding::sendTest));
        table.add(row(ForwardingProgress.class, "claim()", ANYONE, forwardingProgress::claim));
        table.add(row(ForwardingProgress.class, "recordsAfter(long, int)", ANYONE,
                () -> forwardingProgress.recordsAfter(Long.MAX_VALUE, 1)));
        table.add(row(ForwardingProgress.class, "forwarded(String, long)", ANYONE,
                () -> forwardingProgress.forwarded("unknown", 0)));
        table.add(row(ForwardingProgress.class, "failed(String, String)", ANYONE,
                () -> forwardingProgress.failed("unknown", "none")));
        table.add(row(ForwardingProgress.class, "release(String)", ANYONE, () -> forwardingProgress.release("unknown")));

        // Decisions serve the helpdesk's access requests and the administrator's effective-access tool.
        // Self-service reads ask too, for an explicit Deny.
        table.add(row(AuthorizationDecisions.class, "decide(AuthenticatedUser, UUID, Permission)",
                ACCESS_AND_SELF_SERVICE, () -> decisions.decide(null, UNKNOWN, null)));
        table.add(row(AuthorizationDecisions.class, "decide(PrincipalRef, Collection, UUID, Permission)",
                ADMINISTRATOR_HELPDESK, () -> decisions.decide(null, List.of(), UNKNOWN, null)));
        table.add(row(AuthorizationDecisions.class, "explain(PrincipalRef, Collection, UUID, Permission)",
                ADMINISTRATOR, () -> decisions.explain(null, List.of(), UNKNOWN, null)));
        table.add(row(AuthorizationDecisions.class, "generation()", ADMINISTRATOR_HELPDESK, decisions::generation));
        table.add(row(CurrentRules.class, "current()", ACCESS_AND_SELF_SERVICE, currentRules::current));
        table.add(row(RuleSnapshotLoader.class, "load()", ACCESS_AND_SELF_SERVICE, ruleSnapshotLoader::load));
        table.add(row(AuthorizationRules.class, "create(RuleDefinition)", ADMINISTRATOR, () -> rules.create(null)));
        table.add(row(AuthorizationRules.class, "update(UUID, long, RuleDefinition)", ADMINISTRATOR,
                () -> rules.update(UNKNOWN, 0, null)));
        table.add(row(AuthorizationRules.class, "save(UUID, long, RuleDefinition, Collection, Collection)",
                ADMINISTRATOR, () -> rules.save(UNKNOWN, 0, null, List.of(), List.of())));
        table.add(row(AuthorizationRules.class, "setChannels(UUID, long, Collection, Collection)", ADMINISTRATOR,
                () -> rules.setChannels(UNKNOWN, 0, List.of(), List.of())));
        table.add(row(AuthorizationRules.class, "channelsOf(UUID, Role)", ADMINISTRATOR_HELPDESK,
                () -> rules.channelsOf(UNKNOWN, RuleChannel.Role.SUCCESS)));
        table.add(row(AuthorizationRules.class, "enable(UUID, long)", ADMINISTRATOR, () -> rules.enable(UNKNOWN, 0)));
        table.add(row(AuthorizationRules.class, "disable(UUID, long)", ADMINISTRATOR, () -> rules.disable(UNKNOWN, 0)));
        table.add(row(AuthorizationRules.class, "delete(UUID, long)", ADMINISTRATOR, () -> rules.delete(UNKNOWN, 0)));
        table.add(row(AuthorizationRules.class, "list()", ADMINISTRATOR, rules::list));
        table.add(row(AuthorizationRules.class, "get(UUID)", ADMINISTRATOR, () -> rules.get(UNKNOWN)));

        // Password settings (Administrator); agents are told the active certificate; rotations run in the background.
        table.add(row(EncryptionCertificateService.class, "activeCertificate()", ANYONE, certificates::activeCertificate));
        table.add(row(EncryptionCertificateService.class, "overview()", ADMINISTRATOR, certificates::overview));
        table.add(row(EncryptionCertificateService.class, "find(UUID)", ADMINISTRATOR, () -> certificates.find(UNKNOWN)));
        table.add(row(EncryptionCertificateService.class, "latestRotation()", ADMINISTRATOR,
                certificates::latestRotation));
        table.add(row(EncryptionCertificateService.class, "hsmConfigured()", ADMINISTRATOR, certificates::hsmConfigured));
        table.add(row(EncryptionCertificateService.class, "generate(String, int, int, KeyStorage)", ADMINISTRATOR,
                () -> certificates.generate(null, 0, 0, null)));
        table.add(row(EncryptionCertificateService.class, "importPkcs12(byte[], char[])", ADMINISTRATOR,
                () -> certificates.importPkcs12(null, null)));
        table.add(row(EncryptionCertificateService.class, "importFromToken(String)", ADMINISTRATOR,
                () -> certificates.importFromToken(null)));
        table.add(row(EncryptionCertificateService.class, "exportPkcs12(UUID, char[])", ADMINISTRATOR,
                () -> certificates.exportPkcs12(UNKNOWN, null)));
        table.add(row(EncryptionCertificateService.class, "activate(UUID)", ADMINISTRATOR,
                () -> certificates.activate(UNKNOWN)));
        table.add(row(EncryptionCertificateService.class, "retire(UUID)", ADMINISTRATOR,
                () -> certificates.retire(UNKNOWN)));
        table.add(row(EncryptionCertificateService.class, "delete(UUID)", ADMINISTRATOR,
                () -> certificates.delete(UNKNOWN)));
        table.add(row(RotationBatch.class, "unclaimed()", ANYONE, rotationBatch::unclaimed));
        table.add(row(RotationBatch.class, "claim(UUID, Duration)", ANYONE,
                () -> rotationBatch.claim(UNKNOWN, Duration.ofSeconds(1))));
        table.add(row(RotationBatch.class, "rewrapNext(UUID, String, Duration, int)", ANYONE,
                () -> rotationBatch.rewrapNext(UNKNOWN, "x", Duration.ofSeconds(1), 1)));
        table.add(row(RotationRunner.class, "onStarted(RotationStarted)", ANYONE,
                () -> rotationRunner.onStarted(new RotationStarted(UNKNOWN, "x"))));
        table.add(row(RotationRunner.class, "resumeUnclaimed()", ANYONE, rotationRunner::resumeUnclaimed));
        // The vault: agents store (no caller), the helpdesk's access requests open a recovery password once the
        // rules allow it, everything else is the administrator's (disaster-recovery export, certificate counts).
        table.add(row(SecretVault.class, "store(byte[], SecretKind)", ANYONE,
                () -> vault.store(null, SecretKind.RECOVERY_PASSWORD)));
        // The BitLocker key import seals what it reads from a directory on a timer, with no caller.
        table.add(row(SecretVault.class, "seal(RecoveryPassword, EncryptionCertificate)", ANYONE,
                () -> vault.seal(null, null)));
        table.add(row(SecretVault.class, "find(UUID)", ADMINISTRATOR, () -> vault.find(UNKNOWN)));
        table.add(row(SecretVault.class, "open(UUID)", ADMINISTRATOR, () -> vault.open(UNKNOWN)));
        table.add(row(SecretVault.class, "openRecoveryPassword(UUID)", ACCESS_AND_SELF_SERVICE,
                () -> vault.openRecoveryPassword(UNKNOWN)));
        table.add(row(SecretVault.class, "sameRecoveryPassword(UUID, UUID)", ANYONE,
                () -> vault.sameRecoveryPassword(UNKNOWN, UNKNOWN)));
        table.add(row(SecretVault.class, "checkRecoveryPassword(UUID)", ANYONE,
                () -> vault.checkRecoveryPassword(UNKNOWN)));
        table.add(row(SecretVault.class, "countSealedTo(UUID)", ADMINISTRATOR, () -> vault.countSealedTo(UNKNOWN)));
        table.add(row(SecretVault.class, "countsByCertificate()", ADMINISTRATOR, vault::countsByCertificate));
        table.add(row(SecretVault.class, "exportEnvelopes(Map)", ADMINISTRATOR, () -> vault.exportEnvelopes(Map.of())));
        table.add(row(SecretVault.class, "activeCertificate()", ANYONE, vault::activeCertificate));

        table.add(row(OperationalFigures.class, "read()", ANYONE, operationalFigures::read));
        table.add(row(Dashboard.class, "snapshot(int)", ADMINISTRATOR, () -> dashboard.snapshot(Dashboard.DEFAULT_STALE_DAYS)));
        table.add(row(Dashboard.class, "devicesWithoutKeys(int, int)", ADMINISTRATOR,
                () -> dashboard.devicesWithoutKeys(0, 1)));
        table.add(row(Dashboard.class, "countDevicesWithoutKeys()", ADMINISTRATOR, dashboard::countDevicesWithoutKeys));

        // Devices and groups are the administrator's; the agent API finds and adds devices with no caller.
        table.add(row(DeviceDirectory.class, "find(UUID)", ANYONE, () -> devices.find(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "get(UUID)", ADMINISTRATOR, () -> devices.get(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "findByPublicKey(String)", ANYONE, () -> devices.findByPublicKey("00")));
        table.add(row(DeviceDirectory.class, "devices()", ADMINISTRATOR, devices::devices));
        table.add(row(DeviceDirectory.class, "list(DeviceListFilter, int, int)", ADMINISTRATOR,
                () -> devices.list(null, 0, 1)));
        table.add(row(DeviceDirectory.class, "count(DeviceListFilter)", ADMINISTRATOR, () -> devices.count(null)));
        table.add(row(DeviceDirectory.class, "groupNames(Collection)", ADMINISTRATOR, () -> devices.groupNames(List.of())));
        table.add(row(DeviceDirectory.class, "groups()", ADMINISTRATOR, devices::groups));
        table.add(row(DeviceDirectory.class, "group(UUID)", ADMINISTRATOR, () -> devices.group(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "tenants()", ADMINISTRATOR, devices::tenants));
        table.add(row(DeviceDirectory.class, "tenant(UUID)", ADMINISTRATOR, () -> devices.tenant(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "amsDirectoryOf(UUID)", ANYONE, () -> devices.amsDirectoryOf(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "createTenant(String)", ADMINISTRATOR, () -> devices.createTenant(null)));
        table.add(row(DeviceDirectory.class, "createGroup(UUID, String, String)", ADMINISTRATOR,
                () -> devices.createGroup(UNKNOWN, null, null)));
        table.add(row(DeviceDirectory.class, "add(Device)", ANYONE, () -> devices.add(null)));
        // Where a directory's imported computers land is the key import settings' (Administrator); a registering agent
        // and the import's timer look for the same computer with no caller.
        table.add(row(DeviceDirectory.class, "importDirectory(UUID, String)", ADMINISTRATOR,
                () -> devices.importDirectory(UNKNOWN, "unknown")));
        table.add(row(DeviceDirectory.class, "sameComputer(UUID, String, String, boolean)", ANYONE,
                () -> devices.sameComputer(UNKNOWN, "PC-UNKNOWN", null, true)));
        table.add(row(DeviceDirectory.class, "memberCounts()", ADMINISTRATOR, devices::memberCounts));
        table.add(row(DeviceDirectory.class, "addMember(UUID, UUID)", ADMINISTRATOR,
                () -> devices.addMember(UNKNOWN, UNKNOWN)));
        table.add(row(DeviceDirectory.class, "addMember(UUID, String)", ADMINISTRATOR,
                () -> devices.addMember(UNKNOWN, "PC-UNKNOWN")));
        table.add(row(DeviceDirectory.class, "joinable(UUID, String, int)", ADMINISTRATOR,
                () -> devices.joinable(UNKNOWN, "PC", 1)));
        table.add(row(DeviceDirectory.class, "removeMember(UUID, UUID)", ADMINISTRATOR,
                () -> devices.removeMember(UNKNOWN, UNKNOWN)));
        table.add(row(DeviceDirectory.class, "deleteGroup(UUID)", ADMINISTRATOR, () -> devices.deleteGroup(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "setSelfServiceRecovery(UUID, boolean)", ADMINISTRATOR,
                () -> devices.setSelfServiceRecovery(UNKNOWN, false)));
        table.add(row(DeviceDirectory.class, "setPrimaryUser(UUID, String)", ADMINISTRATOR,
                () -> devices.setPrimaryUser(UNKNOWN, null)));
        table.add(row(DeviceDirectory.class, "approve(UUID)", ADMINISTRATOR, () -> devices.approve(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "reject(UUID)", ADMINISTRATOR, () -> devices.reject(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "disable(UUID)", ADMINISTRATOR, () -> devices.disable(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "enable(UUID)", ADMINISTRATOR, () -> devices.enable(UNKNOWN)));
        table.add(row(DeviceDirectory.class, "delete(UUID)", ADMINISTRATOR, () -> devices.delete(UNKNOWN)));
        table.add(row(Targets.class, "suggest(String, int)", ADMINISTRATOR, () -> targets.suggest("PC-UNKNOWN", 1)));
        table.add(row(Targets.class, "name(TargetKey)", ADMINISTRATOR, () -> targets.name(null)));
        table.add(row(Targets.class, "describe(TargetKey)", ADMINISTRATOR, () -> targets.describe(null)));

        // Escrow: agents upload and check in with no caller; access requests list a device's keys; the rest is the
        // Devices and Password settings pages'.
        table.add(row(Escrow.class, "currentProtectorIds(Device)", ANYONE, () -> escrow.currentProtectorIds(null)));
        table.add(row(Escrow.class, "keysOf(UUID)", ADMINISTRATOR_HELPDESK, () -> escrow.keysOf(UNKNOWN)));
        table.add(row(Escrow.class, "exportForDisasterRecovery()", ADMINISTRATOR, escrow::exportForDisasterRecovery));
        table.add(row(Escrow.class, "currentKeyCounts(Collection)", ADMINISTRATOR,
                () -> escrow.currentKeyCounts(List.of())));
        table.add(row(Escrow.class, "upload(Device, List)", ANYONE, () -> escrow.upload(null, List.of())));
        table.add(row(Escrow.class, "supersedeMissing(Device, Collection)", ANYONE,
                () -> escrow.supersedeMissing(null, List.of())));
        table.add(row(Escrow.class, "purge(UUID)", ADMINISTRATOR, () -> escrow.purge(UNKNOWN)));
        // The BitLocker key import keeps what it reads on a timer (no caller) as well as for Run now.
        table.add(row(Escrow.class, "importKey(Device, String, DriveType, ProtectorId, RecoveryPassword, OffsetDateTime, "
                + "String, EncryptionCertificate)", ANYONE,
                () -> escrow.importKey(null, null, null, null, null, null, null, null)));
        table.add(row(Escrow.class, "markOriginRemoved(Collection, OffsetDateTime)", ANYONE,
                () -> escrow.markOriginRemoved(List.of(), null)));
        // BitLocker key import: set up and Run now are the administrator's; the timer runs the steps with no caller.
        // An unknown directory makes each step a no-op.
        table.add(row(KeyImports.class, "all()", ADMINISTRATOR, keyImports::all));
        table.add(row(KeyImports.class, "find(UUID)", ADMINISTRATOR, () -> keyImports.find(UNKNOWN)));
        table.add(row(KeyImports.class, "configure(UUID, KeyImportSettings)", ADMINISTRATOR,
                () -> keyImports.configure(UNKNOWN, null)));
        table.add(row(KeyImportRunner.class, "runNow(UUID, boolean, int, int)", ADMINISTRATOR,
                () -> keyImportRunner.runNow(UNKNOWN, false, 0, 0)));
        table.add(row(KeyImportRunner.class, "startNow(UUID, boolean)", ADMINISTRATOR,
                () -> keyImportRunner.startNow(UNKNOWN, false)));
        // Import from a file (Devices / Import): an empty file is refused before anything is read or stored.
        table.add(row(FileKeyImport.class, "preview(UUID, String, byte[])", ADMINISTRATOR,
                () -> fileKeyImport.preview(null, "none.csv", new byte[0])));
        table.add(row(FileKeyImport.class, "importFile(UUID, String, byte[], boolean)", ADMINISTRATOR,
                () -> fileKeyImport.importFile(null, "none.csv", new byte[0], false)));
        KeyImportBatch.Claimed unclaimed = new KeyImportBatch.Claimed("unknown", UNKNOWN, "unknown", List.of(), null);
        SyncWindow window = new SyncWindow(UNKNOWN, false, false, "unknown", 0, null, "none");
        table.add(row(KeyImportBatch.class, "due()", ANYONE, keyImportBatch::due));
        table.add(row(KeyImportBatch.class, "claim(UUID, Duration)", ANYONE,
                () -> keyImportBatch.claim(UNKNOWN, Duration.ofMinutes(1))));
        table.add(row(KeyImportBatch.class, "begin(Claimed, SyncWindow, Duration)", ANYONE,
                () -> keyImportBatch.begin(unclaimed, window, Duration.ofMinutes(1))));
        table.add(row(KeyImportBatch.class, "importPage(Claimed, SyncWindow, List, Duration)", ANYONE,
                () -> keyImportBatch.importPage(unclaimed, window, List.of(), Duration.ofMinutes(1))));
        table.add(row(KeyImportBatch.class, "finish(Claimed, SyncWindow, int)", ANYONE,
                () -> keyImportBatch.finish(unclaimed, window, 0)));
        table.add(row(KeyImportBatch.class, "interrupted(Claimed, SyncWindow, int, String)", ANYONE,
                () -> keyImportBatch.interrupted(unclaimed, window, 0, null)));
        table.add(row(Escrow.class, "confirmOnDevice(Device, Collection, Duration)", ANYONE,
                () -> escrow.confirmOnDevice(null, List.of(), Duration.ZERO)));
        // Escrow verification: the schedule and the end of a certificate rotation start it with no caller; Verify now
        // is the administrator's. An unknown claim token makes each step a no-op.
        // The overdue-rotation sweep runs on a schedule with no caller; at the epoch nothing has waited yet.
        table.add(row(OverdueRotations.class, "announce(OffsetDateTime)", ANYONE,
                () -> overdueRotations.announce(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))));
        table.add(row(EscrowVerification.class, "afterRotation(RotationFinished)", ANYONE,
                () -> escrowVerification.afterRotation(new RotationFinished(UNKNOWN))));
        table.add(row(EscrowVerification.class, "verifyNow()", ADMINISTRATOR, escrowVerification::verifyNow));
        table.add(row(EscrowVerificationBatch.class, "claim(boolean, Duration, Duration)", ANYONE,
                () -> escrowVerificationBatch.claim(false, Duration.ofDays(1), Duration.ofMinutes(1))));
        table.add(row(EscrowVerificationBatch.class, "verifyNext(String, UUID, int, Duration)", ANYONE,
                () -> escrowVerificationBatch.verifyNext("unknown", null, 1, Duration.ofMinutes(1))));
        table.add(row(EscrowVerificationBatch.class, "finish(String, long)", ANYONE,
                () -> escrowVerificationBatch.finish("unknown", 0)));
        table.add(row(EscrowVerificationBatch.class, "release(String)", ANYONE,
                () -> escrowVerificationBatch.release("unknown")));
        // Rotations: access requests record what they showed; agents check in with no caller; the rest is the
        // Devices page's Rotate now and incident actions, and the computer's detail.
        table.add(row(Rotations.class, "disclosed(Collection, String, long)", HELPDESK,
                () -> rotations.disclosed(List.of(), "nobody", 0)));
        table.add(row(Rotations.class, "disclosedToOwnUser(UUID, String, long)", SELF_SERVICE,
                () -> rotations.disclosedToOwnUser(UNKNOWN, "nobody", 0)));
        table.add(row(Rotations.class, "rotateKey(UUID)", ADMINISTRATOR, () -> rotations.rotateKey(UNKNOWN)));
        table.add(row(Rotations.class, "rotateDevice(UUID)", ADMINISTRATOR, () -> rotations.rotateDevice(UNKNOWN)));
        table.add(row(Rotations.class, "rotateShownTo(String)", ADMINISTRATOR, () -> rotations.rotateShownTo("")));
        table.add(row(Rotations.class, "rotateGroup(UUID)", ADMINISTRATOR, () -> rotations.rotateGroup(UNKNOWN)));
        table.add(row(Rotations.class, "dueAtCheckIn(Device, KeyRotationPolicy)", ANYONE,
                () -> rotations.dueAtCheckIn(null, KeyRotationPolicy.SHIPPED)));
        table.add(row(Rotations.class, "recordResults(Device, List)", ANYONE,
                () -> rotations.recordResults(null, List.of())));
        table.add(row(Rotations.class, "ofDevice(UUID)", ADMINISTRATOR_HELPDESK, () -> rotations.ofDevice(UNKNOWN)));
        table.add(row(Rotations.class, "lifecycles(UUID)", ADMINISTRATOR_HELPDESK,
                () -> rotations.lifecycles(UNKNOWN)));
        table.add(row(Rotations.class, "historyOf(UUID)", ADMINISTRATOR_HELPDESK, () -> rotations.historyOf(UNKNOWN)));
        table.add(row(Rotations.class, "disclosuresOf(UUID)", ADMINISTRATOR_HELPDESK,
                () -> rotations.disclosuresOf(UNKNOWN)));

        // Identity: Settings / Authentication and Roles are the administrator's; sign-in and the first start's
        // administrator account have no caller.
        table.add(row(AdministratorBootstrap.class, "ensureAdministrator(DatabaseMigrated)", ANYONE,
                () -> administratorBootstrap.ensureAdministrator(new DatabaseMigrated())));
        // Who is calling: any caller may ask who they are; a caller who did not sign in is told so (not refused).
        table.add(row(CallerIdentity.class, "signedIn()", ANYONE, callerIdentity::signedIn));
        table.add(row(SignInService.class, "signIn(String, char[], String)", ANYONE,
                () -> signIn.signIn(null, null, "192.0.2.1")));
        table.add(row(SignInFailures.class, "since(String, Instant)", ANYONE,
                () -> signInFailures.since("address:192.0.2.250", Instant.EPOCH)));
        table.add(row(SignInFailures.class, "add(List, Instant, Instant)", ANYONE,
                () -> signInFailures.add(List.of(), Instant.now(), Instant.EPOCH)));
        table.add(row(SignInFailures.class, "clear(String)", ANYONE,
                () -> signInFailures.clear("address:192.0.2.250")));
        table.add(row(DirectorySourceService.class, "identitySources()", ANYONE, directorySources::identitySources));
        table.add(row(DirectorySourceService.class, "check(Collection)", ADMINISTRATOR,
                () -> directorySources.check(List.of())));
        table.add(row(DirectorySourceService.class, "list()", ADMINISTRATOR, directorySources::list));
        table.add(row(DirectorySourceService.class, "find(UUID)", ADMINISTRATOR, () -> directorySources.find(UNKNOWN)));
        table.add(row(DirectorySourceService.class, "get(UUID)", ADMINISTRATOR, () -> directorySources.get(UNKNOWN)));
        table.add(row(DirectorySourceService.class, "add(String, LdapSettings, char[])", ADMINISTRATOR,
                () -> directorySources.add(null, null, null)));
        table.add(row(DirectorySourceService.class, "update(UUID, String, LdapSettings, char[])", ADMINISTRATOR,
                () -> directorySources.update(UNKNOWN, null, null, null)));
        table.add(row(DirectorySourceService.class, "enable(UUID, boolean)", ADMINISTRATOR,
                () -> directorySources.enable(UNKNOWN, true)));
        table.add(row(DirectorySourceService.class, "move(UUID, int)", ADMINISTRATOR,
                () -> directorySources.move(UNKNOWN, 1)));
        table.add(row(DirectorySourceService.class, "remove(UUID)", ADMINISTRATOR,
                () -> directorySources.remove(UNKNOWN)));
        table.add(row(DirectorySourceService.class, "readerFor(UUID)", ANYONE,
                () -> directorySources.readerFor(UNKNOWN)));
        table.add(row(DirectorySourceService.class, "testConnection(UUID, LdapSettings, char[])", ADMINISTRATOR,
                () -> directorySources.testConnection(null, null, null)));
        table.add(row(LocalAccountService.class, "changeEmail(UUID, String)", ADMINISTRATOR,
                () -> localAccounts.changeEmail(UNKNOWN, null)));
        // The OpenID Connect provider: configured by administrators; its sign-in has no caller yet.
        table.add(row(OidcProviderService.class, "settings()", ADMINISTRATOR, oidcProviders::settings));
        table.add(row(OidcProviderService.class, "save(OidcSettings, char[])", ADMINISTRATOR,
                () -> oidcProviders.save(null, null)));
        table.add(row(OidcProviderService.class, "remove()", ADMINISTRATOR, oidcProviders::remove));
        table.add(row(OidcProviderService.class, "save(OidcSettings, char[], OidcClientAuth)", ADMINISTRATOR,
                () -> oidcProviders.save(null, null, null)));
        table.add(row(OidcProviderService.class, "clientAuth()", ADMINISTRATOR, oidcProviders::clientAuth));
        table.add(row(OidcProviderService.class, "generateClientKey()", ADMINISTRATOR,
                oidcProviders::generateClientKey));
        table.add(row(OidcProviderService.class, "removeClientKey()", ADMINISTRATOR, oidcProviders::removeClientKey));
        table.add(row(OidcProviderService.class, "clientKey()", ADMINISTRATOR, oidcProviders::clientKey));
        table.add(row(OidcProviderService.class, "clientJwks()", ANYONE, oidcProviders::clientJwks));
        table.add(row(OidcProviderService.class, "clientKeyCertificate()", ANYONE,
                oidcProviders::clientKeyCertificate));
        table.add(row(OidcProviderService.class, "test(String)", ADMINISTRATOR, () -> oidcProviders.test(null)));
        table.add(row(OidcProviderService.class, "groups()", ADMINISTRATOR, oidcProviders::groups));
        table.add(row(OidcProviderService.class, "nameGroup(String, String)", ADMINISTRATOR,
                () -> oidcProviders.nameGroup(null, null)));
        table.add(row(OidcProviderService.class, "forgetGroup(String)", ADMINISTRATOR,
                () -> oidcProviders.forgetGroup(null)));
        table.add(row(OidcProviderService.class, "recordSignIn(String, String, String, OidcFailure, String)", ANYONE,
                () -> oidcProviders.recordSignIn(null, null, null, null, null)));
        table.add(row(OidcProviderService.class, "rememberUser(PrincipalRef, Collection)", ANYONE,
                () -> oidcProviders.rememberUser(null, List.of())));
        table.add(row(OidcSignIn.class, "buttonLabel()", ANYONE, oidcSignIn::buttonLabel));
        table.add(row(OidcSignIn.class, "passwordAdminOnly()", ANYONE, oidcSignIn::passwordAdminOnly));
        table.add(row(OidcSignIn.class, "begin(String, String)", ANYONE, () -> oidcSignIn.begin(null, null)));
        table.add(row(OidcSignIn.class, "complete(URI, String, String)", ANYONE,
                () -> oidcSignIn.complete(null, null, null)));
        table.add(row(OidcSignIn.class, "logoutUri(String, String)", ANYONE, () -> oidcSignIn.logoutUri(null, null)));
        table.add(row(LocalAccountService.class, "findByUsername(String)", ADMINISTRATOR,
                () -> localAccounts.findByUsername("unknown-user")));
        table.add(row(LocalAccountService.class, "exists(String)", ADMINISTRATOR,
                () -> localAccounts.exists("unknown-user")));
        // The account exists on every started server, so nothing is created.
        table.add(row(LocalAccountService.class, "createFirstAdministrator(char[])", ANYONE,
                () -> localAccounts.createFirstAdministrator("Not-used-1234567".toCharArray())));
        table.add(row(LocalAccountService.class, "verify(String, char[])", ANYONE,
                () -> localAccounts.verify("unknown-user", null)));
        table.add(row(LocalAccountService.class, "search(String, int)", ADMINISTRATOR,
                () -> localAccounts.search("unknown-user", 1)));
        table.add(row(LocalAccountService.class, "existingAmong(Collection)", ADMINISTRATOR,
                () -> localAccounts.existingAmong(List.of(UNKNOWN))));
        table.add(row(LocalAccountService.class, "list()", ADMINISTRATOR, localAccounts::list));
        table.add(row(LocalAccountService.class, "add(String, String, char[])", ADMINISTRATOR,
                () -> localAccounts.add(null, null, null)));
        table.add(row(LocalAccountService.class, "resetPassword(UUID, char[])", ADMINISTRATOR,
                () -> localAccounts.resetPassword(UNKNOWN, null)));
        table.add(row(LocalAccountService.class, "enable(UUID, boolean)", ADMINISTRATOR,
                () -> localAccounts.enable(UNKNOWN, true)));
        table.add(row(LocalGroupService.class, "list()", ADMINISTRATOR, localGroups::list));
        table.add(row(LocalGroupService.class, "create(String, String)", ADMINISTRATOR,
                () -> localGroups.create(null, null)));
        table.add(row(LocalGroupService.class, "rename(UUID, String)", ADMINISTRATOR,
                () -> localGroups.rename(UNKNOWN, null)));
        table.add(row(LocalGroupService.class, "delete(UUID)", ADMINISTRATOR, () -> localGroups.delete(UNKNOWN)));
        table.add(row(LocalGroupService.class, "addMember(UUID, String)", ADMINISTRATOR,
                () -> localGroups.addMember(UNKNOWN, "unknown-user")));
        table.add(row(LocalGroupService.class, "removeMember(UUID, UUID)", ADMINISTRATOR,
                () -> localGroups.removeMember(UNKNOWN, UNKNOWN)));
        table.add(row(LocalGroupService.class, "groupsOf(UUID)", ANYONE, () -> localGroups.groupsOf(UNKNOWN)));
        table.add(row(LocalGroupService.class, "existingAmong(Collection)", ANYONE,
                () -> localGroups.existingAmong(List.of(UNKNOWN))));
        table.add(row(LocalGroupService.class, "search(String, int)", ADMINISTRATOR,
                () -> localGroups.search("unknown-group", 1)));
        // API tokens are the administrator's to issue and revoke; any request may present one (the web tier's
        // authentication asks before there is a caller).
        table.add(row(ApiTokens.class, "list()", ADMINISTRATOR, apiTokens::list));
        table.add(row(ApiTokens.class, "create(PrincipalRef, Set, OffsetDateTime, String)", ADMINISTRATOR,
                () -> apiTokens.create(null, Set.of(), null, null)));
        table.add(row(ApiTokens.class, "revoke(UUID)", ADMINISTRATOR, () -> apiTokens.revoke(UNKNOWN)));
        table.add(row(ApiTokens.class, "authenticate(String)", ANYONE, () -> apiTokens.authenticate("not a token")));
        table.add(row(ApiTokens.class, "recordCall(String, String, String)", ANYONE,
                () -> apiTokens.recordCall("GET /api/v1/devices", "200", "192.0.2.1")));
        table.add(row(RoleService.class, "rolesOf(Collection)", ANYONE, () -> roles.rolesOf(List.of())));
        table.add(row(RoleService.class, "grants()", ADMINISTRATOR, roles::grants));
        table.add(row(RoleService.class, "grant(Role, PrincipalRef)", ADMINISTRATOR, () -> roles.grant(null, null)));
        table.add(row(RoleService.class, "revoke(UUID)", ADMINISTRATOR, () -> roles.revoke(UNKNOWN)));
        table.add(row(RoleService.class, "searchPrincipals(String)", ADMINISTRATOR, () -> roles.searchPrincipals(null)));
        table.add(row(RoleService.class, "describe(PrincipalRef)", ADMINISTRATOR, () -> roles.describe(null)));
        table.add(row(RoleService.class, "explainable(PrincipalRef)", ADMINISTRATOR, () -> roles.explainable(null)));

        // Notification channels are the administrator's; access requests send through them; the outbox is worked
        // off in the background (and by an access request's immediate delivery).
        table.add(row(NotificationChannels.class, "list()", ADMINISTRATOR, channels::list));
        table.add(row(NotificationChannels.class, "find(UUID)", ADMINISTRATOR, () -> channels.find(UNKNOWN)));
        table.add(row(NotificationChannels.class, "get(UUID)", ADMINISTRATOR, () -> channels.get(UNKNOWN)));
        table.add(row(NotificationChannels.class, "create(ChannelDefinition, char[], String)", ADMINISTRATOR,
                () -> channels.create(null, null, null)));
        table.add(row(NotificationChannels.class, "update(UUID, ChannelDefinition, char[], String)", ADMINISTRATOR,
                () -> channels.update(UNKNOWN, null, null, null)));
        table.add(row(NotificationChannels.class, "enable(UUID, boolean)", ADMINISTRATOR,
                () -> channels.enable(UNKNOWN, true)));
        table.add(row(NotificationChannels.class, "delete(UUID)", ADMINISTRATOR, () -> channels.delete(UNKNOWN)));
        table.add(row(NotificationChannels.class, "sendTest(UUID)", ADMINISTRATOR, () -> channels.sendTest(UNKNOWN)));
        table.add(row(NotificationChannels.class, "storedHeaderNames(UUID)", ADMINISTRATOR,
                () -> channels.storedHeaderNames(UNKNOWN)));
        table.add(row(NotificationChannels.class, "deliveryCounts()", ADMINISTRATOR, channels::deliveryCounts));
        table.add(row(NotificationChannels.class, "recentDeliveries(int)", ADMINISTRATOR,
                () -> channels.recentDeliveries(1)));
        table.add(row(Notifications.class, "enqueue(AccessNotification, Collection)", ACCESS_AND_SELF_SERVICE,
                () -> notifications.enqueue(null, List.of())));
        table.add(row(Notifications.class, "deliverNow(AccessNotification, Collection)", ACCESS_AND_SELF_SERVICE,
                () -> notifications.deliverNow(null, List.of())));
        table.add(row(Notifications.class, "firingChannelNames(Collection, boolean)", ACCESS_AND_SELF_SERVICE,
                () -> notifications.firingChannelNames(List.of(), true)));
        table.add(row(Notifications.class, "enqueueTo(String, AccessNotification, Collection)",
                ACCESS_AND_SELF_SERVICE, () -> notifications.enqueueTo("", null, List.of())));
        // Queued in the caller's transaction: an access request's (Helpdesk) or a background job's (no caller).
        table.add(row(Outbox.class, "queue(List, AccessNotification)", ANYONE, () -> outbox.queue(List.of(), null)));
        table.add(row(Outbox.class, "claimDue(int)", ANYONE, () -> outbox.claimDue(-1)));
        table.add(row(Outbox.class, "prepare(Claim)", ANYONE, () -> outbox.prepare(new Outbox.Claim(UNKNOWN, "unknown"))));
        table.add(row(Outbox.class, "record(Claim, String, String)", ANYONE,
                () -> outbox.record(new Outbox.Claim(UNKNOWN, "unknown"), null, null)));
        table.add(row(Outbox.class, "recordAttempt(UUID, AccessNotification, String, String)", ANYONE,
                () -> outbox.recordAttempt(UNKNOWN, null, null, null)));
        table.add(row(OutboxWorker.class, "wake(OutboxFilled)", ANYONE, () -> outboxWorker.wake(new OutboxFilled(0))));
        // System alerts are raised by background work with no caller; a null alert is refused before anything is queued.
        table.add(row(SystemAlerts.class, "raise(SystemAlert, String, List)", ANYONE,
                () -> systemAlerts.raise(null, "", List.of())));

        // The health probes and the start-up jobs ask without a caller.
        table.add(row(DatabaseMigration.class, "state()", ANYONE, databaseMigration::state));
        table.add(row(DatabaseMigration.class, "reachable()", ANYONE, databaseMigration::reachable));

        // Agent policies are the administrator's; the agent API resolves a device's policy with no caller.
        table.add(row(AgentPolicies.class, "policies(Platform)", ADMINISTRATOR,
                () -> agentPolicies.policies(Platform.WINDOWS)));
        table.add(row(AgentPolicies.class, "find(UUID)", ADMINISTRATOR, () -> agentPolicies.find(UNKNOWN)));
        table.add(row(AgentPolicies.class, "get(UUID)", ADMINISTRATOR, () -> agentPolicies.get(UNKNOWN)));
        table.add(row(AgentPolicies.class, "create(Platform, PolicyDraft)", ADMINISTRATOR,
                () -> agentPolicies.create(Platform.WINDOWS, null)));
        table.add(row(AgentPolicies.class, "update(UUID, long, PolicyDraft)", ADMINISTRATOR,
                () -> agentPolicies.update(UNKNOWN, 0, null)));
        table.add(row(AgentPolicies.class, "duplicate(UUID)", ADMINISTRATOR, () -> agentPolicies.duplicate(UNKNOWN)));
        table.add(row(AgentPolicies.class, "delete(UUID, long)", ADMINISTRATOR, () -> agentPolicies.delete(UNKNOWN, 0)));
        table.add(row(AgentPolicies.class, "move(UUID, int)", ADMINISTRATOR, () -> agentPolicies.move(UNKNOWN, 1)));
        table.add(row(AgentPolicies.class, "explain(UUID)", ADMINISTRATOR, () -> agentPolicies.explain(UNKNOWN)));
        table.add(row(AgentPolicies.class, "describe(PolicyTarget)", ADMINISTRATOR, () -> agentPolicies.describe(null)));
        table.add(row(AgentPolicies.class, "exists(PolicyTarget)", ADMINISTRATOR, () -> agentPolicies.exists(null)));
        table.add(row(PolicyResolver.class, "resolve(Device)", ANYONE, () -> policyResolver.resolve(null)));
        table.add(row(PolicyResolver.class, "current(Platform)", ANYONE, () -> policyResolver.current(Platform.WINDOWS)));
        return table;
    }

    /** EJBs whose only methods are container callbacks (timers, start-up): nothing for a caller to call. */
    private static final Set<Class<?>> NO_BUSINESS_METHODS = Set.of(ExpiredAssertionSweeper.class,
            UnchainedRecordsAtStartup.class, RotationResumption.class);

    @Test
    @DisplayName("The table has a row for every business method of every EJB")
    void tableCoversEveryEjb() throws Exception {
        Set<String> ejbs = beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass)
                .filter(type -> type.getName().startsWith("org.ams.") && !type.getName().startsWith("org.ams.it."))
                .filter(ServiceRolesIT::isEjb)
                .filter(type -> !LEFT_OUT.contains(type.getPackageName()))
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> tabled = table().stream().map(row -> row.bean().getName()).collect(Collectors.toCollection(TreeSet::new));
        NO_BUSINESS_METHODS.forEach(bean -> {
            assertEquals(List.of(), businessMethods(bean), bean.getName());
            tabled.add(bean.getName());
        });
        assertEquals(ejbs, tabled, "every EJB of org.ams (but the access package) is in the table");

        Set<String> methods = new TreeSet<>();
        for (Row row : table()) {
            methods.add(row.bean().getSimpleName() + "#" + row.signature());
        }
        Set<String> missing = new TreeSet<>();
        for (Row row : table()) {
            for (Method method : businessMethods(row.bean())) {
                String name = row.bean().getSimpleName() + "#" + signature(method);
                if (!methods.contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertEquals(Set.of(), missing, "business methods without a row in the table");
    }

    @Test
    @DisplayName("The annotations on the EJBs say what the table says")
    void annotationsAgreeWithTheTable() throws Exception {
        Map<String, String> disagreements = new LinkedHashMap<>();
        for (Row row : table()) {
            Method method = row.method();
            Set<Caller> declared = declaredCallers(row.bean(), method);
            if (!declared.equals(row.allowed())) {
                disagreements.put(row.bean().getSimpleName() + "#" + row.signature(),
                        "table " + row.allowed() + ", annotations " + declared);
            }
        }
        assertEquals(Map.of(), disagreements);
    }

    @Test
    @DisplayName("Each role, and no one, is refused exactly where the table says; nothing is left behind")
    void containerEnforcesTheTable() throws Exception {
        long headBefore = auditChain.head().getLastSequence();
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Row row : table()) {
            for (Caller caller : Caller.values()) {
                Throwable failure = callAs(caller, row.invocation());
                calls++;
                boolean refused = accessRefused(failure);
                boolean allowed = row.allowed().contains(caller);
                if (refused == allowed) {
                    wrong.add(row.bean().getSimpleName() + "#" + row.signature() + " as " + caller + ": "
                            + (refused ? "refused although the table allows it" : "let in although the table "
                            + "refuses it") + (failure == null ? "" : " (" + failure + ")"));
                }
            }
        }
        assertTrue(calls > 600, calls + " calls");
        assertEquals(List.of(), wrong);
        assertEquals(headBefore, auditChain.head().getLastSequence(), "the matrix left no audit record behind");
    }

    /** Calls in a transaction that is always rolled back; returns what was thrown, if anything. */
    private Throwable callAs(Caller caller, Action action) throws Exception {
        java.util.concurrent.Callable<Object> work = () -> {
            action.run();
            return null;
        };
        transaction.begin();
        try {
            switch (caller) {
                case ADMINISTRATOR -> administrator.call(work);
                case HELPDESK -> helpdesk.call(work);
                case AUDITOR -> auditor.call(work);
                case SELF_SERVICE -> selfService.call(work);
                case NOBODY -> nobody.call(work);
                default -> throw new IllegalStateException(caller.name());
            }
            return null;
        } catch (Exception e) {
            return e;
        } finally {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        }
    }

    private static boolean accessRefused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EJBAccessException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** What the method's annotation, else its class's, lets call it. */
    private static Set<Caller> declaredCallers(Class<?> bean, Method method) {
        if (method.isAnnotationPresent(PermitAll.class) || method.isAnnotationPresent(RolesAllowed.class)
                || method.isAnnotationPresent(DenyAll.class)) {
            return callers(method.getAnnotation(PermitAll.class), method.getAnnotation(RolesAllowed.class));
        }
        return callers(bean.getAnnotation(PermitAll.class), bean.getAnnotation(RolesAllowed.class));
    }

    private static Set<Caller> callers(PermitAll permitAll, RolesAllowed rolesAllowed) {
        if (permitAll != null) {
            return ANYONE;
        }
        Set<Caller> callers = EnumSet.noneOf(Caller.class);
        for (String role : rolesAllowed == null ? new String[0] : rolesAllowed.value()) {
            callers.add(switch (role) {
                case RoleNames.ADMINISTRATOR -> Caller.ADMINISTRATOR;
                case RoleNames.HELPDESK -> Caller.HELPDESK;
                case RoleNames.AUDITOR -> Caller.AUDITOR;
                case RoleNames.SELF_SERVICE -> Caller.SELF_SERVICE;
                default -> throw new IllegalStateException("unknown role " + role);
            });
        }
        return callers;
    }

    private static boolean isEjb(Class<?> type) {
        return type.isAnnotationPresent(Stateless.class) || type.isAnnotationPresent(Singleton.class)
                || type.isAnnotationPresent(Stateful.class) || type.isAnnotationPresent(MessageDriven.class);
    }

    private static List<Method> businessMethods(Class<?> bean) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> type = bean; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                        && !method.isSynthetic() && !method.isBridge()
                        && !method.isAnnotationPresent(PostConstruct.class)
                        && !method.isAnnotationPresent(PreDestroy.class)) {
                    methods.add(method);
                }
            }
        }
        return methods;
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static Row row(Class<?> bean, String signature, Set<Caller> allowed, Action invocation) {
        return new Row(bean, signature, allowed, invocation);
    }

    /** A call whose result does not matter: only whether the container let the caller in. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    record Row(Class<?> bean, String signature, Set<Caller> allowed, Action invocation) {

        Method method() {
            return businessMethods(bean).stream().filter(method -> ServiceRolesIT.signature(method).equals(signature)).findFirst()
                    .orElseThrow(() -> new AssertionError(bean.getSimpleName() + " has no business method "
                            + signature));
        }
    }
}
