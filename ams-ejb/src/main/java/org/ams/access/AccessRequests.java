package org.ams.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ams.audit.AuditEntry;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.authz.AuthorizationDecisions;
import org.ams.authz.AuthorizationRule;
import org.ams.authz.RuleApproval;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Decision;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.authz.RuleChannel;
import org.ams.authz.RuleConsideration;
import org.ams.crypto.SecretVault;
import org.ams.devices.Device;
import org.ams.devices.DeviceNotFoundException;
import org.ams.escrow.Escrow;
import org.ams.escrow.KeyLifecycle;
import org.ams.escrow.RecoveryKey;
import org.ams.escrow.Rotations;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.identity.signin.CallerIdentity;
import org.ams.identity.signin.NotSignedInException;
import org.ams.notify.AccessNotification;
import org.ams.notify.DeliveryFailedException;
import org.ams.notify.Notifications;
import org.ams.security.RoleNames;

/**
 * A user asking to see a computer's BitLocker recovery passwords or key metadata. Every request, granted or not, is
 * one audit record; the reason setting and the rate limits are applied before the authorization rules are asked.
 * <p>
 * <strong>Who asks:</strong> always the caller, as the container authenticated them, with the groups
 * {@link CallerIdentity} works out (those of the sign-in for a directory user; a local account's read again at each
 * request). No method takes a user or groups, so no page, API or future caller can ask on behalf of somebody else.
 * Only the <strong>Helpdesk</strong> role may call: the Administrator role alone reads no recovery password (an
 * administrator who must is given Helpdesk too, a role change the audit log records), and even then only what an
 * authorization rule grants.
 * <p>
 * <strong>Fail closed:</strong> the audit record is written in the request's transaction, after the passwords are
 * opened and before they are returned: if the record cannot be written the transaction rolls back and the caller gets
 * an exception instead of the passwords, which therefore never leave this bean unaudited. A fail-closed notification
 * channel that cannot be reached turns a grant into {@link ResultCode#NOTIFICATION_FAILED}, recorded and counted
 * like any denial, before any password is opened.
 * <p>
 * <strong>Rate limits</strong> are counted from the audit log while the request holds its user's and its address's
 * {@link RateLimitLock} row until its own record is committed, so parallel requests cannot pass together.
 */
@Stateless
@RolesAllowed(RoleNames.HELPDESK)
public class AccessRequests {

    public static final String ACTION = "access.requested";
    /** A recovery key ID lookup: audited, and counted against the rate limits like a request. */
    public static final String KEY_ID_LOOKUP_ACTION = "access.key-id-looked-up";
    /**
     * A search by computer name that found only computers the user may not see: recorded (as
     * {@link ResultCode#NOT_VISIBLE_TO_USER}) and counted against the rate limits like a request. Other searches by
     * name are not recorded.
     */
    public static final String COMPUTER_SEARCH_ACTION = "access.computer-searched";
    /**
     * A click on Show for one key of a granted recovery-password request whose page hid each password
     * ({@link AccessSettings#isHidePasswordsUntilShown()}): names the computer, the key id and the request's number.
     * Not a request: not counted against the rate limits.
     */
    public static final String PASSWORD_REVEALED_ACTION = "access.password-revealed";
    /** The actions of the records that are access requests: those the rate limits count and denials are read from. */
    public static final List<String> REQUEST_ACTIONS = List.of(ACTION, KEY_ID_LOOKUP_ACTION, COMPUTER_SEARCH_ACTION,
            SelfServiceRecovery.ACTION);
    /** Lookups return at most this many protectors; a prefix matching more needs more characters. */
    public static final int MAX_KEY_ID_MATCHES = 20;
    public static final int MAX_REASON = 1000;
    public static final int MAX_CLIENT_ADDRESS = 64;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuthorizationDecisions decisions;

    @EJB
    private AccessSettingsService settings;

    @EJB
    private AuditTrail audit;

    @EJB
    private Escrow escrow;

    @EJB
    private SecretVault vault;

    @EJB
    private Notifications notifications;

    @EJB
    private AuthorizationRules rules;

    @EJB
    private CallerIdentity callers;

    @EJB
    private RateLimitLocks locks;

    @EJB
    private Rotations rotations;

    /**
     * The caller's request for the recovery passwords of every escrowed protector of the computer, current ones and
     * history.
     *
     * @param clientAddress where the caller's request came from (counted by the per-address rate limits)
     */
    public AccessOutcome requestRecoveryPasswords(String clientAddress, UUID deviceId, String reason) {
        return request(requester(), clientAddress, deviceId, reason, Permission.READ_BITLOCKER_RECOVERY_PASSWORD);
    }

    /** The caller's request for the computer's key metadata: that keys exist, their ids, drive types and dates. */
    public AccessOutcome requestKeyMetadata(String clientAddress, UUID deviceId, String reason) {
        return request(requester(), clientAddress, deviceId, reason, Permission.READ_BITLOCKER_KEY_METADATA);
    }

    private AccessOutcome request(AuthenticatedUser user, String clientAddress, UUID deviceId, String reason,
                                  Permission permission) {
        String address = clientAddress(clientAddress);
        Device device = Optional.ofNullable(deviceId == null ? null : em.find(Device.class, deviceId))
                .orElseThrow(() -> new DeviceNotFoundException("The computer no longer exists."));
        AccessSettings current = settings.current();
        String statedReason = reason(current.getReasonMode(), reason);

        ResultCode result;
        RuleConsideration decidingRule = null;
        Decision decision = null;
        if (current.getReasonMode() == ReasonMode.REQUIRED && statedReason == null) {
            result = ResultCode.REASON_REQUIRED;
        } else {
            result = rateLimited(user.username(), address, current.getRateLimits()).orElse(null);
            if (result == null) {
                decision = decisions.decide(user, deviceId, permission);
                result = decision.result();
                decidingRule = decision.decidingRule();
            }
        }

        boolean passwords = permission == Permission.READ_BITLOCKER_RECOVERY_PASSWORD;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Approval is a property of the granting rule: only a grant (no Deny won) of recovery passwords can need it.
        RuleApproval approval = result.granted() && passwords ? approvalOf(decidingRule.ruleId()) : null;
        ApprovalRequest approved = null;
        if (approval != null) {
            approved = ApprovalGate.readable(em, user.user(), deviceId, decidingRule.ruleId(), now).orElse(null);
            if (approved == null) {
                return awaitApproval(user, address, device, statedReason, decidingRule, approval, current, now);
            }
        }

        String ruleText = decidingRule == null ? null : decidingRule.description();
        List<UUID> channels = channels(decision);
        String undelivered = null;
        if (result.granted()) {
            try {
                notifications.deliverNow(notice(user, device, statedReason, result, ruleText, permission, address),
                        channels);
            } catch (DeliveryFailedException e) {
                // A channel set to deny the request when its delivery fails: nothing is opened or shown. The refusal
                // is this request's outcome, recorded and counted like any denial in this same transaction (which
                // commits: nothing was written that the refusal should take back); the deciding rule's failure
                // channels and the global ones are told. The message names the channels and why, never a secret.
                result = ResultCode.NOTIFICATION_FAILED;
                channels = rules.channelsOf(decidingRule.ruleId(), RuleChannel.Role.FAILURE);
                undelivered = e.getMessage();
            }
        }
        AccessNotification notification = notice(user, device, statedReason, result, ruleText, permission, address);
        List<RevealedKey> keys = result.granted() ? keys(deviceId, passwords) : List.of();
        boolean hidden = passwords && current.isHidePasswordsUntilShown();
        // The deciding rule's channels (for a denial without one, those of every rule that applied), and the global
        // channels, which fire for every request.
        List<String> fired = notifications.firingChannelNames(channels, result.granted());
        String details = RequestDetails.of(result, keys, permission, hidden);
        if (undelivered != null) {
            details = abbreviated(details + "; " + undelivered, AuditEvent.MAX_DETAILS);
        }
        boolean readUnderApproval = approved != null && result.granted();
        if (readUnderApproval) {
            details = abbreviated(details + "; approved access request " + approved.getId(), AuditEvent.MAX_DETAILS);
        }
        AuditEvent record = audit.record(AuditEntry.builder(ACTION, "Device")
                .target(device.getId().toString(), device.getName())
                .details(details)
                .clientAddress(address)
                .reason(statedReason)
                .resultCode(result.name())
                .permission(permission.name())
                .rule(decidingRule == null ? null : decidingRule.ruleId().toString(),
                        decidingRule == null ? null : decidingRule.description())
                .notificationChannels(fired)
                .build());
        notifications.enqueue(notification.withRequestId(String.valueOf(record.getSequence())), channels);
        ApprovalView readUnder = null;
        if (readUnderApproval) {
            approved.read();
            audit.record(ApprovalGate.entry(ApprovalGate.READ, approved, "read " + approved.getReads()
                    + (approved.isSingleRead() ? " of 1" : "") + " on request " + record.getSequence())
                    .clientAddress(address).permission(permission.name()).build());
            readUnder = ApprovalView.of(approved, now, current.getApprovalExpiryMinutes(), List.of());
        }
        if (passwords && !hidden && !keys.isEmpty()) {
            // Shown now: each key is disclosed, and its rotation requested where the device's policy says so.
            rotations.disclosed(keys.stream().map(RevealedKey::id).toList(), user.username(), record.getSequence());
        }
        if (!keys.isEmpty()) {
            Map<UUID, KeyLifecycle> lifecycles = rotations.lifecycles(device.getId());
            keys = keys.stream().map(key -> key.with(lifecycles.get(key.id()))).toList();
        }
        return new AccessOutcome(result, device.getId(), device.getName(), permission,
                decidingRule == null ? null : decidingRule.description(), keys,
                result.granted() ? null : current.getDeniedHelpText(), record.getSequence(), hidden, readUnder);
    }

    /** The approval setting of the granting rule; {@code null} when its grants need none (or it is gone). */
    private RuleApproval approvalOf(UUID ruleId) {
        AuthorizationRule rule = em.find(AuthorizationRule.class, ruleId);
        return rule == null ? null : rule.getApproval().orElse(null);
    }

    /**
     * The rules grant the recovery passwords, but the granting rule wants approval first and the user holds no
     * readable approval: their waiting request (a new one, its approvers told, unless one already waits) is the
     * answer, and nothing is shown. Recorded and counted like any request, as {@link ResultCode#APPROVAL_PENDING}.
     */
    private AccessOutcome awaitApproval(AuthenticatedUser user, String address, Device device, String reason,
                                        RuleConsideration rule, RuleApproval approval, AccessSettings current,
                                        OffsetDateTime now) {
        int expiry = current.getApprovalExpiryMinutes();
        // One waiting request per requester, computer and rule, also when no rate limit locks the user's row: parallel
        // requests meet at this row (a database lock, so across servers too) and the later one finds the earlier's
        // request once it is committed. Taken after the rate limits' rows, which are never taken after it.
        locks.lock(RateLimitLock.ofApproval(user.user(), device.getId(), rule.ruleId()));
        ApprovalRequest waiting = ApprovalGate.pending(em, user.user(), device.getId(), rule.ruleId()).orElse(null);
        if (waiting != null && waiting.overdue(now, expiry)) {
            ApprovalGate.expire(audit, waiting, now, expiry);
            waiting = null;
        }
        boolean created = waiting == null;
        if (created) {
            waiting = new ApprovalRequest(device.getId(), device.getName(), user.user(), reason, address,
                    rule.ruleId(), rule.description(), approval, now);
            em.persist(waiting);
        }
        List<UUID> channels = created ? rules.channelsOf(rule.ruleId(), RuleChannel.Role.SUCCESS) : List.of();
        ResultCode result = ResultCode.APPROVAL_PENDING;
        AuditEvent record = audit.record(AuditEntry.builder(ACTION, "Device")
                .target(device.getId().toString(), device.getName())
                .details("waiting for approval: access request " + waiting.getId() + " ("
                        + (created ? "new; " : "") + waiting.approvals() + " of " + waiting.getApprovalsRequired()
                        + " approval(s))")
                .clientAddress(address)
                .reason(reason)
                .resultCode(result.name())
                .permission(Permission.READ_BITLOCKER_RECOVERY_PASSWORD.name())
                .rule(rule.ruleId().toString(), rule.description())
                .notificationChannels(created ? notifications.firingChannelNames(channels, false) : List.of())
                .build());
        if (created) {
            waiting.recordedAs(record.getSequence());
            // The approvers are told where to decide; a notification never carries a password.
            notifications.enqueue(new AccessNotification(user.username(), null, device.getName(),
                    device.getDnsName(), reason, result.code(), "Approval requested", rule.description(),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD.label(), address, null,
                    String.valueOf(record.getSequence()), "approval-requested",
                    "Approval requested: " + user.username() + " asks for the recovery passwords of "
                            + device.getName() + "; decide at " + Approvals.link(waiting.getId())), channels);
        }
        return new AccessOutcome(result, device.getId(), device.getName(),
                Permission.READ_BITLOCKER_RECOVERY_PASSWORD, rule.description(), List.of(), null,
                record.getSequence(), false, ApprovalView.of(waiting, now, expiry, List.of()));
    }

    private static AccessNotification notice(AuthenticatedUser user, Device device, String reason, ResultCode result,
                                             String ruleDescription, Permission permission, String address) {
        return new AccessNotification(user.username(), null, device.getName(), device.getDnsName(), reason,
                result.code(), result.granted() ? "Access granted" : "Access denied", ruleDescription,
                permission.label(), address, null, null);
    }

    private static String abbreviated(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /**
     * Records that the user clicked Show on one key of the answer to their request number {@code requestSequence},
     * whose page hid each password until then. The password is already in the user's page and is neither asked for
     * nor returned here. Refused, and nothing recorded, unless that record is the signed-in user's own granted
     * request for a computer's recovery passwords, answered with each password hidden, and its answer held the key.
     * Not a request: the reveal is not counted against the rate limits.
     *
     * @param keyId the recovery key ID shown beside the key
     * @return the number of the {@value #PASSWORD_REVEALED_ACTION} record
     */
    public long recordReveal(String clientAddress, long requestSequence, String keyId) {
        AuthenticatedUser user = requester();
        String address = clientAddress(clientAddress);
        String key = RevealReference.keyId(keyId);
        AuditEvent request = em.createQuery("SELECT e FROM AuditEvent e WHERE e.sequence = :sequence",
                        AuditEvent.class).setParameter("sequence", requestSequence).getResultStream().findFirst()
                .orElseThrow(() -> RevealReference.notYours(requestSequence));
        if (RevealReference.of(request).requireShownTo(user.username(), key) == RevealReference.Shown.BEYOND_LIST
                && !hadKeyWhenAnswered(request, key)) {
            throw RevealReference.notShown(key, requestSequence);
        }
        long revealed = audit.record(AuditEntry.builder(PASSWORD_REVEALED_ACTION, "Device")
                .target(request.getTargetId(), request.getTargetName())
                .details("recovery password of key id " + key + " shown on request " + requestSequence)
                .clientAddress(address)
                .permission(Permission.READ_BITLOCKER_RECOVERY_PASSWORD.name())
                .build()).getSequence();
        rotations.disclosed(escrow.keysOf(UUID.fromString(request.getTargetId())).stream()
                .filter(shown -> shown.getKeyId().equals(key)).map(RecoveryKey::getId).toList(),
                user.username(), revealed);
        return revealed;
    }

    /** Whether the computer had this key when the request was answered: shown, though only counted in the details. */
    private boolean hadKeyWhenAnswered(AuditEvent request, String keyId) {
        return escrow.keysOf(UUID.fromString(request.getTargetId())).stream().anyMatch(key ->
                key.getKeyId().equals(keyId) && !key.getEscrowedAt().isAfter(request.getOccurredAt()));
    }

    private List<UUID> channels(Decision decision) {
        if (decision == null) {
            return List.of();
        }
        if (decision.granted()) {
            return rules.channelsOf(decision.decidingRule().ruleId(), RuleChannel.Role.SUCCESS);
        }
        if (decision.decidingRule() != null) {
            return rules.channelsOf(decision.decidingRule().ruleId(), RuleChannel.Role.FAILURE);
        }
        return decision.explanation().stream().filter(RuleConsideration::applied)
                .flatMap(rule -> rules.channelsOf(rule.ruleId(), RuleChannel.Role.FAILURE).stream()).distinct()
                .toList();
    }

    /**
     * Finds the key protectors whose id starts with what the user read from the BitLocker recovery screen, among the
     * computers the user may see; protectors of other computers are not mentioned. Never a password. The lookup is
     * recorded and counted against the rate limits like a request, so it cannot be used to map key ids at leisure. A
     * lookup whose protectors are all on computers the user may not see is recorded and notified as a denial
     * ({@link ResultCode#NOT_VISIBLE_TO_USER}) and answered like one that found nothing.
     */
    public KeyIdLookup lookUpKeyId(String clientAddress, String typedKeyId, String reason) {
        AuthenticatedUser user = requester();
        String address = clientAddress(clientAddress);
        KeyIdPrefix prefix = KeyIdPrefix.parse(typedKeyId);
        AccessSettings current = settings.current();
        String statedReason = reason(current.getReasonMode(), reason);

        ResultCode result;
        if (current.getReasonMode() == ReasonMode.REQUIRED && statedReason == null) {
            result = ResultCode.REASON_REQUIRED;
        } else {
            result = rateLimited(user.username(), address, current.getRateLimits()).orElse(ResultCode.SUCCESS);
        }
        KeyIdFindings found = result.granted() ? keyIdFindings(user, prefix) : KeyIdFindings.NONE;
        if (found.onlyNotVisible()) {
            result = ResultCode.NOT_VISIBLE_TO_USER;
        }
        AuditEvent record = audit.record(AuditEntry.builder(KEY_ID_LOOKUP_ACTION, "RecoveryKeyId")
                .target(prefix.digits(), names(found.onlyNotVisible() ? found.notVisible()
                        : found.visible().stream().map(KeyIdMatch::computer).toList()))
                .details(lookupDetails(result, prefix, found))
                .clientAddress(address)
                .reason(statedReason)
                .resultCode(result.name())
                .permission(Permission.READ_BITLOCKER_KEY_METADATA.name())
                .notificationChannels(found.onlyNotVisible() ? deniedSearchChannels() : List.of())
                .build());
        if (found.onlyNotVisible()) {
            notifyDeniedSearch(user, address, statedReason, found.notVisible(), record);
        }
        return new KeyIdLookup(result, prefix.digits(), found.visible(),
                result.granted() || found.onlyNotVisible() ? null : current.getDeniedHelpText(), record.getSequence());
    }

    /**
     * The computers with exactly this name the user may see, as {@link VisibleComputers#search} finds them. A name
     * that only computers the user may not see carry is a denial: recorded ({@value #COMPUTER_SEARCH_ACTION},
     * {@link ResultCode#NOT_VISIBLE_TO_USER}, naming those computers for the administrators) and notified to the
     * global channels, while the user gets the same empty answer as for a name no computer has. Other searches are
     * not recorded.
     */
    public List<ComputerCandidate> findComputers(String clientAddress, String name, String reason) {
        AuthenticatedUser user = requester();
        String address = clientAddress(clientAddress);
        NameSearch found = VisibleComputers.of(em, decisions, user).search(name);
        if (found.onlyNotVisible()) {
            recordDeniedSearch(user, address, name.strip(), reason(settings.current().getReasonMode(), reason),
                    found.notVisible());
        }
        return found.visible();
    }

    private void recordDeniedSearch(AuthenticatedUser user, String address, String name, String reason,
                                    List<ComputerCandidate> notVisible) {
        ResultCode result = ResultCode.NOT_VISIBLE_TO_USER;
        AuditEvent record = audit.record(AuditEntry.builder(COMPUTER_SEARCH_ACTION, "ComputerName")
                .target(name, names(notVisible))
                .details("computer search " + name + " denied: " + result.name() + "; found only "
                        + described(notVisible))
                .clientAddress(address)
                .reason(reason)
                .resultCode(result.name())
                .permission(Permission.READ_BITLOCKER_KEY_METADATA.name())
                .notificationChannels(deniedSearchChannels())
                .build());
        notifyDeniedSearch(user, address, reason, notVisible, record);
    }

    /** No rule applies to a search that found only computers the user may not see: the global channels fire. */
    private List<String> deniedSearchChannels() {
        return notifications.firingChannelNames(List.of(), false);
    }

    private void notifyDeniedSearch(AuthenticatedUser user, String address, String reason,
                                    List<ComputerCandidate> notVisible, AuditEvent record) {
        notifications.enqueue(new AccessNotification(user.username(), null, names(notVisible),
                notVisible.get(0).dnsName(), reason, ResultCode.NOT_VISIBLE_TO_USER.code(), "Access denied", null,
                Permission.READ_BITLOCKER_KEY_METADATA.label(), address, null,
                String.valueOf(record.getSequence())), List.of());
    }

    /** The computers' names, each once, e.g. "PC-0042, PC-0043"; {@code null} for none. */
    private static String names(List<ComputerCandidate> computers) {
        return computers.stream().map(ComputerCandidate::name).distinct().reduce((a, b) -> a + ", " + b)
                .orElse(null);
    }

    /** For the audit log's readers: which computers, e.g. "1 computer(s) the user may not see: PC-7 (id, T / D)". */
    private static String described(List<ComputerCandidate> computers) {
        StringBuilder text = new StringBuilder().append(computers.size()).append(" computer(s) the user may not see: ");
        for (int i = 0; i < computers.size(); i++) {
            ComputerCandidate computer = computers.get(i);
            text.append(i == 0 ? "" : ", ").append(computer.name()).append(" (").append(computer.deviceId())
                    .append(", ").append(computer.directory()).append(')');
        }
        return text.toString();
    }

    /** The protectors a key id prefix matched on computers the user may see, and the other computers it matched. */
    private record KeyIdFindings(List<KeyIdMatch> visible, List<ComputerCandidate> notVisible) {

        static final KeyIdFindings NONE = new KeyIdFindings(List.of(), List.of());

        boolean onlyNotVisible() {
            return visible.isEmpty() && !notVisible.isEmpty();
        }
    }

    private KeyIdFindings keyIdFindings(AuthenticatedUser user, KeyIdPrefix prefix) {
        List<RecoveryKey> keys = em.createQuery("SELECT k FROM RecoveryKey k JOIN FETCH k.device d WHERE "
                        + "k.keyId = :keyId AND k.protectorId LIKE :pattern AND "
                        + "d.state <> org.ams.devices.DeviceState.DELETED ORDER BY d.nameKey, d.id, k.state, "
                        + "k.mountPoint", RecoveryKey.class)
                .setParameter("keyId", prefix.keyId())
                .setParameter("pattern", prefix.protectorIdPattern())
                .setMaxResults(MAX_KEY_ID_MATCHES * 5)
                .getResultList();
        VisibleComputers.Visible mayBeSeen = VisibleComputers.of(em, decisions, user);
        Map<UUID, Boolean> visible = new HashMap<>();
        List<KeyIdMatch> matches = new ArrayList<>();
        Map<UUID, ComputerCandidate> notVisible = new LinkedHashMap<>();
        for (RecoveryKey key : keys) {
            Device device = key.getDevice();
            if (matches.size() >= MAX_KEY_ID_MATCHES) {
                break;
            }
            if (visible.computeIfAbsent(device.getId(), mayBeSeen::maySee)) {
                matches.add(new KeyIdMatch(ComputerCandidate.of(device), key.getMountPoint(), key.getDriveType(),
                        key.getKeyId(), key.getProtectorId(), key.getState(), key.getEscrowedAt()));
            } else {
                notVisible.computeIfAbsent(device.getId(), id -> ComputerCandidate.of(device));
            }
        }
        return new KeyIdFindings(matches, List.copyOf(notVisible.values()));
    }

    private static String lookupDetails(ResultCode result, KeyIdPrefix prefix, KeyIdFindings found) {
        if (result == ResultCode.NOT_VISIBLE_TO_USER) {
            return "key id lookup " + prefix.digits() + " denied: " + result.name() + "; found only protectors on "
                    + described(found.notVisible());
        }
        if (!result.granted()) {
            return "key id lookup " + prefix.digits() + " denied: " + result.name();
        }
        List<KeyIdMatch> matches = found.visible();
        long computers = matches.stream().map(KeyIdMatch::deviceId).distinct().count();
        return "key id lookup " + prefix.digits() + ": " + matches.size() + " protector(s) on " + computers
                + " computer(s) the user may see";
    }

    /** The caller, as the container authenticated them, with their groups now (see {@link CallerIdentity}). */
    private AuthenticatedUser requester() {
        try {
            return callers.signedIn();
        } catch (NotSignedInException e) {
            throw new AccessRequestException(e.getMessage());
        }
    }

    static String clientAddress(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank() || clientAddress.length() > MAX_CLIENT_ADDRESS) {
            throw new AccessRequestException("The client address is missing or not an address.");
        }
        return clientAddress.strip();
    }

    private static String reason(ReasonMode mode, String reason) {
        if (mode == ReasonMode.HIDDEN || reason == null || reason.isBlank()) {
            return null;
        }
        String stripped = reason.strip();
        if (stripped.length() > MAX_REASON) {
            throw new AccessRequestException("A reason has at most " + MAX_REASON + " characters.");
        }
        return stripped;
    }

    /** See {@link RateLimitCheck}: the check and this request's record are one step. */
    private Optional<ResultCode> rateLimited(String username, String address, RateLimits limits) {
        return new RateLimitCheck(em, locks).exceeded(username, address, limits);
    }

    private List<RevealedKey> keys(UUID deviceId, boolean withPasswords) {
        List<RevealedKey> keys = new ArrayList<>();
        for (RecoveryKey key : escrow.keysOf(deviceId)) {
            keys.add(new RevealedKey(key.getId(), key.getVolumeId(), key.getMountPoint(), key.getDriveType(),
                    key.getProtectorId(), key.getKeyId(), key.getEscrowedAt(), key.getState(), key.getSupersededAt(),
                    withPasswords ? vault.openRecoveryPassword(key.getSecretId()) : null, null, key.originNote()));
        }
        return keys;
    }
}
