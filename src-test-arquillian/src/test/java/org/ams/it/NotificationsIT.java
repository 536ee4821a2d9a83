package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequests;
import org.ams.access.AccessSettingsService;
import org.ams.access.RateLimits;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.audit.forward.AuditForwarding;
import org.ams.audit.forward.AuditForwardingSettings;
import org.ams.audit.forward.ForwardingStatus;
import org.ams.audit.forward.SyslogFacility;
import org.ams.audit.forward.SyslogTarget;
import org.ams.audit.forward.SyslogTransport;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleOverview;
import org.ams.authz.RuleTarget;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccountService;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.server.SharedPayaraMicro;
import org.ams.notify.AccessNotification;
import org.ams.notify.DeliveryFailedException;
import org.ams.notify.InvalidChannelException;
import org.ams.notify.NotificationChannels;
import org.ams.notify.Notifications;
import org.ams.notify.channel.ChannelDefinition;
import org.ams.notify.channel.NotificationChannel;
import org.ams.notify.channel.SmtpSecurity;
import org.ams.notify.channel.SmtpSettings;
import org.ams.notify.channel.WebhookMethod;
import org.ams.notify.channel.WebhookPreset;
import org.ams.notify.channel.WebhookSettings;
import org.ams.notify.outbox.DeliveryState;
import org.ams.notify.outbox.OutboxEntry;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notifications inside the running server, against real receivers: a GreenMail SMTP server and JDK HTTP listeners
 * in the test JVM on 127.0.0.1. Channels are made through the administrator's service, notifications are queued the
 * way the access-request layer will, and what arrives is checked on the receiving side; a webhook that is down is
 * retried until it comes up, a fail-closed channel that is down throws, and notifications still queued when the
 * server dies are delivered by the next server process (the one it was sending at once), as is the audit forwarding
 * batch it was sending to a syslog receiver, with no gap. Last, the page: an administrator adds an email channel and
 * sends a test message.
 * <p>
 * The restart kills (SIGKILL) and starts the server this class shares with the others of its JVM (the same database and data
 * directory). The receivers' ports travel to the server in a file beside its data directory. Methods that run as client hold every
 * reference to GreenMail and Selenium, which the server does not have.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsIT {

    static final String SMTP_PASSWORD = "It-Smtp-Password-5150";
    private static final String AMS = "ams";
    private static final String HOOK_SECRET = "Bearer it-webhook-secret-8086";
    private static final String HOSTILE_USER = "eve\", \"admin\": true, \"x\": \"<img src=x onerror=alert(1)>";
    private static final String REFUSED_USER = "it-notify-refused";
    private static final String REFUSED_PASSWORD = "Refused-Helpdesk-2024";
    private static final String REFUSED_COMPUTER = "PC-NOTIFY-REFUSED";
    private static final String REFUSED_RULE = "Notifications IT: a fail-closed channel must be told";
    private static final String HOSTILE_REASON = "</td><script>alert('pwned')</script>\r\nBcc: all@corp.example";

    /** Audit records written at once: the forwarding batch the server dies sending. */
    private static final int SYSLOG_BATCH = 200;

    /** In the test's JVM: the syslog receiver that outlives the server's death. */
    private static SyslogReceiver syslog;

    @Inject
    private NotificationChannels channels;

    @Inject
    private AuditForwarding forwarding;

    @Inject
    private Notifications notifications;

    @Inject
    private AsAdministrator admin;

    @Inject
    private SignedInCalls signedIn;

    @Inject
    private LocalAccountService accounts;

    @Inject
    private AccessSettingsService settings;

    @Inject
    private AuditTrail audit;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private DeviceDirectory devices;

    @Inject
    private DeviceFixture fixture;

    @Inject
    private AccessRequests requests;

    @Deployment(name = AMS)
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @RunAsClient
    void startReceivers() throws IOException {
        Properties ports = new Properties();
        ports.setProperty("smtp", String.valueOf(NotificationListeners.startMail()));
        int webhook = ServerProcess.freePort();
        NotificationListeners.startWebhook(webhook);
        ports.setProperty("webhook", String.valueOf(webhook));
        int global = ServerProcess.freePort();
        NotificationListeners.startWebhook(global);
        ports.setProperty("global", String.valueOf(global));
        // Keeps the first request it gets unanswered: the delivery the restart catches in flight.
        int inFlight = ServerProcess.freePort();
        NotificationListeners.startHoldingWebhook(inFlight);
        ports.setProperty("inflight", String.valueOf(inFlight));
        // Reserved but not listening yet: the retry and restart tests start them later.
        ports.setProperty("flaky", String.valueOf(ServerProcess.freePort()));
        ports.setProperty("later", String.valueOf(ServerProcess.freePort()));
        // Reserved and never listening: the fail-closed channel that refuses an access request on the page.
        ports.setProperty("refusing", String.valueOf(ServerProcess.freePort()));
        // A syslog receiver that reads but holds each connection open: the audit forwarding batch the server is
        // sending when it dies, received but not confirmed.
        syslog = SyslogReceiver.holding(0);
        ports.setProperty("syslog", String.valueOf(syslog.port()));
        try (var out = Files.newOutputStream(portsFile(TestEnvironment.dataDirectory()))) {
            ports.store(out, "NotificationsIT receivers");
        }
    }

    @Test
    @Order(2)
    @OperateOnDeployment(AMS)
    @DisplayName("Bad channels are refused with a sentence; good ones are audited without their secrets")
    void channelsAreValidatedAndAudited() throws Exception {
        InvalidChannelException ftp = assertThrows(InvalidChannelException.class,
                () -> new WebhookSettings("ftp://127.0.0.1/hook", WebhookMethod.POST, "{}"));
        assertEquals("The webhook URL must start with https:// (or http://); ftp: URLs are not allowed.", ftp.getMessage());
        InvalidChannelException unknown = assertThrows(InvalidChannelException.class,
                () -> smtp("Broken", "Access {{recoveryPassword}}"));
        assertTrue(unknown.getMessage().contains("unknown variable {{recoveryPassword}}"), unknown.getMessage());

        // Other classes sharing this server may have channels of their own.
        int channelsBefore = admin.call(() -> channels.list()).size();
        UUID mail = admin.call(() -> channels.create(smtp("IT mail", "AMS {{result}} for {{user}}"),
                SMTP_PASSWORD.toCharArray(), null)).getId();
        UUID hook = admin.call(() -> channels.create(webhook("IT hook", "webhook", false),
                null, "Authorization: " + HOOK_SECRET)).getId();
        InvalidChannelException duplicate = assertThrows(InvalidChannelException.class,
                () -> admin.call(() -> channels.create(webhook("it HOOK", "webhook", false), null, "")));
        assertEquals("Another notification channel is already named 'it HOOK'.", duplicate.getMessage());

        List<String> names = admin.call(() -> channels.list()).stream().map(NotificationChannel::getName).toList();
        assertEquals(List.of("IT hook", "IT mail"), names.stream().filter(name -> name.startsWith("IT ")).toList());
        assertEquals(channelsBefore + 2, names.size(), "the duplicate was not stored: " + names);
        assertEquals("Authorization", admin.call(() -> channels.storedHeaderNames(hook)));
        List<AuditEvent> records = admin.call(() -> audit.latest(50));
        assertTrue(records.stream().anyMatch(e -> e.getAction().equals("notification-channel.created")
                && e.getTargetName().equals("IT hook") && e.getDetails().contains("headers Authorization stored encrypted")));
        for (AuditEvent record : records) {
            String text = record.getTargetName() + " " + record.getDetails();
            assertFalse(text.contains(SMTP_PASSWORD) || text.contains("it-webhook-secret"), text);
        }
        remember("mail", mail);
        remember("hook", hook);
    }

    @Test
    @Order(3)
    @OperateOnDeployment(AMS)
    @DisplayName("A queued notification goes to the email and the webhook channel, and to the global channel unasked")
    void enqueueDelivers() throws Exception {
        UUID global = admin.call(() -> channels.create(ChannelDefinition.webhook("IT global", true, true, false,
                new WebhookSettings("http://127.0.0.1:" + port("global") + "/all", WebhookMethod.PUT,
                        WebhookPreset.SLACK.bodyTemplate())), null, "")).getId();

        List<UUID> queued = admin.call(() -> notifications.enqueue(hostile("it-request-1"),
                List.of(remembered("mail"), remembered("hook"))));

        assertEquals(3, queued.size());
        awaitState(queued, DeliveryState.DELIVERED, Duration.ofSeconds(60));
        admin.call(() -> {
            channels.enable(global, false);
            return null;
        });
        assertEquals(2, admin.call(() -> notifications.enqueue(hostile("it-request-1b"),
                List.of(remembered("mail"), remembered("hook")))).size(), "a disabled global channel is left out");
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("The email is HTML with escaped values; the webhook body is valid JSON with the values intact")
    void receiversGotSafeMessages() throws Exception {
        var email = NotificationListeners.awaitMail("for eve", Duration.ofSeconds(60));
        String body = NotificationListeners.body(email);
        assertTrue(body.contains("&lt;/td&gt;&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;"), body);
        assertFalse(body.contains("<script>"), body);
        assertFalse(email.getSubject().contains("\n"), email.getSubject());
        assertEquals(null, email.getHeader("Bcc"));

        var call = NotificationListeners.awaitCalls(port("webhook"), 1, Duration.ofSeconds(60)).get(0);
        assertEquals("POST", call.method());
        assertEquals(HOOK_SECRET, call.authorization(), "the sealed header was opened and sent");
        JsonObject json = Json.createReader(new StringReader(call.body())).readObject();
        assertEquals(HOSTILE_USER, json.getString("user"));
        assertEquals(HOSTILE_REASON, json.getString("reason"));
        assertFalse(json.containsKey("admin"));
        assertEquals("it-request-1", json.getString("requestId"));

        var global = NotificationListeners.awaitCalls(port("global"), 1, Duration.ofSeconds(60));
        assertEquals("PUT", global.get(0).method());
        JsonObject slack = Json.createReader(new StringReader(global.get(0).body())).readObject();
        assertTrue(slack.getString("text").contains(HOSTILE_USER), slack.toString());
        assertEquals(1, global.size(), "nothing more after it was disabled");
    }

    @Test
    @Order(5)
    @OperateOnDeployment(AMS)
    @DisplayName("A webhook that is down fails with its reason on the page's list and waits for its next attempt")
    void failingWebhookWaitsForRetry() throws Exception {
        UUID flaky = admin.call(() -> channels.create(webhook("IT flaky", "flaky", false), null, "")).getId();
        remember("flaky", flaky);

        List<UUID> queued = admin.call(() -> notifications.enqueue(hostile("it-request-2"), List.of(flaky)));

        OutboxEntry entry = awaitAttempts(queued.get(0), 1, Duration.ofSeconds(60));
        assertEquals(DeliveryState.PENDING, entry.getState());
        assertTrue(entry.getLastError().startsWith("Could not connect to http://127.0.0.1:" + port("flaky")),
                entry.getLastError());
        assertTrue(entry.getNextAttemptAt().toInstant().isAfter(Instant.now().plusSeconds(10)), "backed off");
        assertEquals(1, admin.call(() -> channels.deliveryCounts()).get(flaky).pending());
        remember("flakyEntry", queued.get(0));
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("The webhook comes up and receives the notification at its next attempt")
    void retriedWhenTheListenerComesUp() throws Exception {
        NotificationListeners.startWebhook(port("flaky"));

        var call = NotificationListeners.awaitCalls(port("flaky"), 1, Duration.ofSeconds(120)).get(0);

        assertEquals("it-request-2", Json.createReader(new StringReader(call.body())).readObject().getString("requestId"));
    }

    @Test
    @Order(7)
    @OperateOnDeployment(AMS)
    @DisplayName("After the retry the delivery is DELIVERED with two attempts; fail-closed channels are delivered now or throw")
    void retriedAndFailClosed() throws Exception {
        OutboxEntry retried = awaitState(List.of(remembered("flakyEntry")), DeliveryState.DELIVERED,
                Duration.ofSeconds(60)).get(0);
        assertEquals(2, retried.getAttempts());

        UUID strictDown = admin.call(() -> channels.create(webhook("IT strict down", "later", true), null, "")).getId();
        UUID strictUp = admin.call(() -> channels.create(webhook("IT strict up", "webhook", true), null, "")).getId();

        DeliveryFailedException refused = assertThrows(DeliveryFailedException.class,
                () -> admin.call(() -> notifications.deliverNow(hostile("it-request-3"),
                        List.of(strictDown, strictUp))));
        assertTrue(refused.getMessage().contains("IT strict down: Could not connect"), refused.getMessage());
        assertFalse(refused.getMessage().contains("IT strict up"), refused.getMessage());
        assertEquals(List.of(), admin.call(() -> notifications.enqueue(hostile("it-request-3"), List.of(strictDown))),
                "fail-closed channels are never queued");

        Map<String, String> delivered = admin.call(() -> notifications.deliverNow(hostile("it-request-4"),
                List.of(strictUp)));
        assertEquals(List.of("IT strict up"), List.copyOf(delivered.keySet()));
        admin.call(() -> {
            channels.delete(strictDown);
            channels.delete(strictUp);
            return null;
        });
    }

    @Test
    @Order(8)
    @OperateOnDeployment(AMS)
    @DisplayName("An access request's audit record names the channels that fired: fail-closed and queued ones when granted, queued ones when denied, global ones always")
    void auditRecordsNameTheChannelsThatFired() throws Exception {
        Tenant tenant = admin.call(() -> devices.createTenant("Notifications IT " + UUID.randomUUID()));
        Device device = fixture.register(tenant, "PC-NOTIFY");
        UUID strict = admin.call(() -> channels.create(webhook("IT strict rule", "webhook", true), null, "")).getId();
        SignedInCalls.Caller requester = signedIn.newAccount("notified", Role.HELPDESK);
        RuleOverview rule = admin.call(() -> rules.save(null, 0, new RuleDefinition(RuleTarget.tenant(tenant.getId()),
                        "Notifications IT rule", true, null, List.of(AccessControlEntry.allow(requester.principal(),
                        Permission.READ_BITLOCKER_KEY_METADATA))), List.of(strict, remembered("hook")),
                List.of(strict, remembered("mail"))));
        List<String> global = admin.call(() -> channels.list()).stream().filter(c -> c.isEnabled() && c.isGlobal())
                .map(NotificationChannel::getName).toList();

        AccessOutcome granted = signedIn.as(requester, () -> requests.requestKeyMetadata("192.0.2.20",
                device.getId(), "Notifications IT: granted"));
        AccessOutcome denied = signedIn.as(requester, () -> requests.requestRecoveryPasswords("192.0.2.20",
                device.getId(), "Notifications IT: denied"));
        signedIn.retire(requester);

        assertEquals(ResultCode.SUCCESS, granted.result());
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, denied.result());
        assertEquals(with(global, "IT strict rule", "IT hook"), channelsRecorded(granted.auditSequence()),
                "the fail-closed channel delivered at once and the queued one");
        assertEquals(with(global, "IT mail"), channelsRecorded(denied.auditSequence()),
                "a fail-closed channel does not fire for a denial");
        admin.call(() -> {
            rules.delete(rule.id(), rules.get(rule.id()).version());
            channels.delete(strict);
            return null;
        });
    }

    @Test
    @Order(9)
    @OperateOnDeployment(AMS)
    @DisplayName("Set-up: a Helpdesk account, and a computer whose rule must notify a fail-closed channel that is down")
    void failClosedChannelForThePage() throws Exception {
        signedIn.newAccount(REFUSED_USER, REFUSED_PASSWORD, Role.HELPDESK);
        Tenant tenant = admin.call(() -> devices.createTenant("Notifications IT refusal " + UUID.randomUUID()));
        remember("refusedComputer", fixture.register(tenant, REFUSED_COMPUTER).getId());
        UUID refusing = admin.call(() -> channels.create(webhook("IT refusing", "refusing", true), null, "")).getId();
        UUID told = admin.call(() -> channels.create(webhook("IT refusal told", "webhook", false), null, "")).getId();
        PrincipalRef user = admin.call(() -> accounts.findByUsername(REFUSED_USER)).orElseThrow().principal();
        RuleOverview rule = admin.call(() -> rules.save(null, 0, new RuleDefinition(RuleTarget.tenant(tenant.getId()),
                REFUSED_RULE, true, null, List.of(AccessControlEntry.allow(user,
                Permission.READ_BITLOCKER_RECOVERY_PASSWORD))), List.of(refusing), List.of(told)));
        remember("refusing", refusing);
        remember("told", told);
        remember("refusingRule", rule.id());
    }

    @Test
    @Order(10)
    @RunAsClient
    @DisplayName("Request access on the page: the fail-closed channel is down, so the page says why nothing is shown")
    void theRefusalReadsAsASentence(@ArquillianResource @OperateOnDeployment(AMS) URL base) throws Exception {
        HelpdeskClient.start();
        HelpdeskClient.at(base);
        HelpdeskClient.signIn(REFUSED_USER, REFUSED_PASSWORD);
        RequestAccessPage page = HelpdeskClient.open();
        page.reason("Notifications IT: the channel is down");
        page.find(REFUSED_COMPUTER);
        assertEquals(REFUSED_COMPUTER, page.chosenComputer());

        page.showPasswords();

        assertEquals("Access denied: a notification that must go out before recovery passwords are shown could not "
                + "be delivered, so nothing is shown. Try again later, or tell an administrator.",
                page.deniedSentence());
        assertTrue(page.keys().isEmpty(), "no key, let alone a password");
        String request = page.deniedRequestNumber();
        assertTrue(request.matches("\\d+"), "the denial names its request number: " + request);
        remember("refusedRequest", request);
        // Signed out, so that the administrator's page test later in this class starts from the sign-in page.
        org.ams.it.browser.Browser.shared().driver().manage().deleteAllCookies();
    }

    @Test
    @Order(11)
    @OperateOnDeployment(AMS)
    @DisplayName("The refusal is in the audit chain as NOTIFICATION_FAILED, told to the rule's failure channel, and "
            + "counted by the rate limits")
    void theRefusalIsAuditedAndCounted() throws Exception {
        long sequence = Long.parseLong(shared().getProperty("id.refusedRequest"));
        AuditEvent record = admin.call(() -> audit.latest(500)).stream().filter(e -> e.getSequence() == sequence).findFirst()
                .orElseThrow();
        assertEquals(AccessRequests.ACTION, record.getAction());
        assertEquals(REFUSED_USER, record.getActor());
        assertEquals(REFUSED_COMPUTER, record.getTargetName());
        assertEquals("NOTIFICATION_FAILED", record.getResultCode());
        assertEquals(REFUSED_RULE, record.getRuleDescription(), "the rule whose channel refused");
        assertEquals("Notifications IT: the channel is down", record.getReason());
        assertTrue(record.getDetails().startsWith("denied: NOTIFICATION_FAILED; Required notification could not be "
                + "delivered (IT refusing: Could not connect to http://127.0.0.1:" + port("refusing")),
                record.getDetails());
        List<String> global = admin.call(() -> channels.list()).stream().filter(c -> c.isEnabled() && c.isGlobal())
                .map(NotificationChannel::getName).toList();
        assertEquals(with(global, "IT refusal told"), channelsRecorded(sequence),
                "the rule's failure channel and the global ones, never the fail-closed one");
        assertTrue(record.getRecordHash() != null, "the record is in the hash chain");

        RateLimits found = settings.current().getRateLimits();
        AccessOutcome next;
        try {
            admin.call(() -> settings.changeRateLimits(settings.current().getVersion(),
                    new RateLimits(0, 1, 0, 0, 0, 0)));
            next = signedIn.as(REFUSED_USER, REFUSED_PASSWORD, () -> requests.requestRecoveryPasswords("192.0.2.21",
                    remembered("refusedComputer"), "Notifications IT: once more"));
        } finally {
            admin.call(() -> settings.changeRateLimits(settings.current().getVersion(), found));
        }
        assertEquals(ResultCode.USER_RATE_LIMIT_EXCEEDED, next.result(), "the refused request counted");

        admin.call(() -> {
            rules.delete(remembered("refusingRule"), rules.get(remembered("refusingRule")).version());
            channels.delete(remembered("refusing"));
            channels.delete(remembered("told"));
            accounts.enable(accounts.findByUsername(REFUSED_USER).orElseThrow().getId(), false);
            return null;
        });
    }

    @Test
    @Order(12)
    @OperateOnDeployment(AMS)
    @DisplayName("Notifications for a receiver that is down are queued, and one is being sent, just before the server "
            + "dies; so is a batch of audit records to a syslog receiver that has stopped reading")
    void queueBeforeRestart() throws Exception {
        UUID later = admin.call(() -> channels.create(webhook("IT after restart", "later", false), null, "")).getId();
        List<UUID> queued = new java.util.ArrayList<>(admin.call(() -> notifications.enqueue(hostile("it-restart-1"),
                List.of(later))));
        queued.addAll(admin.call(() -> notifications.enqueue(hostile("it-restart-2"), List.of(later))));

        assertEquals(2, queued.size());
        awaitAttempts(queued.get(1), 1, Duration.ofSeconds(60));

        // Last, so that the server dies while the worker waits for this one's answer (its read time-out is 20 s).
        UUID inFlight = admin.call(() -> channels.create(webhook("IT in flight", "inflight", false), null, ""))
                .getId();
        assertEquals(1, admin.call(() -> notifications.enqueue(hostile("it-in-flight"), List.of(inFlight))).size());

        // Audit forwarding on, to the receiver that holds its connections open, and a batch of records: the forwarder
        // sends them and waits for the receiver to close (5 s) with the cursor claimed; the server dies meanwhile.
        AuditForwardingSettings off = admin.call(() -> forwarding.current());
        admin.call(() -> forwarding.change(off.getVersion(), true, new SyslogTarget(SyslogTransport.TCP, "127.0.0.1",
                port("syslog"), SyslogFacility.LOG_AUDIT, "ams-it", "ams-it-host", null)));
        long first = admin.call(() -> forwarding.status()).lastForwarded() + 1;
        // In one transaction (the administrator bean's): one commit, one batch.
        AuditEvent last = admin.call(() -> {
            AuditEvent written = null;
            for (int i = 0; i < SYSLOG_BATCH; i++) {
                written = audit.record("test.before-kill", "Device", null, "PC-SYSLOG-" + i, null);
            }
            return written;
        });
        remember("syslogFirst", first);
        remember("syslogLast", last.getSequence());
    }

    @Test
    @Order(13)
    @RunAsClient
    @DisplayName("The server dies and starts again: nothing is lost; the new process delivers what was queued, and at "
            + "once what was being sent, notification and syslog batch alike, with no gap in the audit records")
    void restartDeliversQueued() throws Exception {
        // The worker is waiting for the in-flight listener's answer when the server dies: killed, it records nothing.
        NotificationListeners.awaitCalls(port("inflight"), 1, Duration.ofSeconds(60));
        // And the audit forwarder has sent the batch, waiting for the receiver to confirm it (by closing) for 5 s;
        // while the webhook holds the notification worker (within its 20 s): each worker has threads of its own.
        String lastRecord = "seq=\"" + shared().getProperty("id.syslogLast") + "\"";
        syslog.await(lastRecord, Duration.ofSeconds(15));
        assertEquals(1, NotificationListeners.calls(port("inflight")).size(), "the webhook still holds the delivery");
        SharedPayaraMicro.killServer();
        syslog.release();
        NotificationListeners.startWebhook(port("later"));
        assertEquals(0, NotificationListeners.calls(port("later")).size(), "nothing arrived while the server was down");

        SharedPayaraMicro.startServer();
        Instant restarted = Instant.now();

        // Its claim names the dead process of this same server, so the new process sends it at once (the worker looks
        // every 5 s) instead of waiting for the claim's two-minute lease, which has more than half a minute left here
        // even on a slow machine; once, since this time it is answered.
        List<String> inFlight = NotificationListeners.awaitCalls(port("inflight"), 2, Duration.ofSeconds(25)).stream()
                .map(call -> Json.createReader(new StringReader(call.body())).readObject().getString("requestId"))
                .toList();
        assertEquals(List.of("it-in-flight", "it-in-flight"), inFlight,
                "the request the stop cut off, then the one the restarted server sent");

        List<String> requests = NotificationListeners.awaitCalls(port("later"), 2, Duration.ofSeconds(120)).stream()
                .map(call -> Json.createReader(new StringReader(call.body())).readObject().getString("requestId"))
                .sorted().toList();
        assertEquals(List.of("it-restart-1", "it-restart-2"), requests);
        assertEquals(2, NotificationListeners.calls(port("inflight")).size(), "the answered delivery is not repeated");

        // The forwarding cursor's claim names the dead process too: the batch is sent again at once, not after the
        // claim's two-minute lease; every record from the first the dead server was sending to the last, no gap.
        long first = Long.parseLong(shared().getProperty("id.syslogFirst"));
        long last = Long.parseLong(shared().getProperty("id.syslogLast"));
        Instant deadline = restarted.plusSeconds(25);
        while (syslog.count(lastRecord) < 2) {
            assertTrue(Instant.now().isBefore(deadline), "the restarted server sent the unconfirmed batch again");
            TimeUnit.MILLISECONDS.sleep(100);
        }
        Set<Long> received = new HashSet<>(syslog.sequences());
        List<Long> missing = LongStream.rangeClosed(first, last).filter(sequence -> !received.contains(sequence))
                .boxed().toList();
        assertEquals(List.of(), missing, "audit records the receiver never got");
    }

    @Test
    @Order(14)
    @OperateOnDeployment(AMS)
    @DisplayName("After the restart the forwarding cursor has moved past every record written before the server died")
    void forwardingCaughtUp() throws Exception {
        long last = Long.parseLong(shared().getProperty("id.syslogLast"));
        Instant deadline = Instant.now().plusSeconds(30);
        ForwardingStatus status = admin.call(() -> forwarding.status());
        while (status.lastForwarded() < last) {
            assertTrue(Instant.now().isBefore(deadline), "not in time: " + status);
            TimeUnit.MILLISECONDS.sleep(200);
            status = admin.call(() -> forwarding.status());
        }
        assertFalse(status.failing(), String.valueOf(status));
        AuditForwardingSettings on = admin.call(() -> forwarding.current());
        admin.call(() -> forwarding.change(on.getVersion(), false, on.target().orElseThrow()));
    }

    @Test
    @Order(15)
    @RunAsClient
    @DisplayName("An administrator adds an email channel on the page, sends a test message and it arrives")
    void pageAddsChannelAndSendsTest(@ArquillianResource @OperateOnDeployment(AMS) URL base) throws Exception {
        NotificationChannelsScenario.addEmailChannelAndSendTest(base, port("smtp"));
    }

    @Test
    @Order(16)
    @RunAsClient
    void stopReceivers() throws IOException {
        NotificationListeners.stopAll();
        if (syslog != null) {
            syslog.close();
        }
    }

    private static ChannelDefinition smtp(String name, String subject) {
        return ChannelDefinition.smtp(name, true, false, false, new SmtpSettings("127.0.0.1", port("smtp"),
                SmtpSecurity.NONE, "ams-it", "ams-it@corp.example", "security@corp.example, helpdesk@corp.example",
                subject, SmtpSettings.DEFAULT_BODY));
    }

    private static ChannelDefinition webhook(String name, String portName, boolean denyOnFailure) {
        return ChannelDefinition.webhook(name, true, false, denyOnFailure, new WebhookSettings(
                "http://127.0.0.1:" + port(portName) + "/hooks/" + portName, WebhookMethod.POST,
                WebhookPreset.GENERIC_JSON.bodyTemplate()));
    }

    private static Set<String> with(List<String> global, String... named) {
        Set<String> names = new HashSet<>(global);
        names.addAll(List.of(named));
        return names;
    }

    /** The channel names the audit record of this access request lists. */
    private Set<String> channelsRecorded(long sequence) throws Exception {
        AuditEvent record = admin.call(() -> audit.latest(200)).stream().filter(e -> e.getSequence() == sequence)
                .findFirst()
                .orElseThrow();
        return record.getNotificationChannels() == null ? Set.of()
                : Set.of(record.getNotificationChannels().split(", "));
    }

    private static AccessNotification hostile(String requestId) {
        return new AccessNotification(HOSTILE_USER, "Eve \"the tester\"", "PC-IT-1", "pc-it-1.corp.example",
                HOSTILE_REASON, "Success", "Access granted", "IT rule", "Read BitLocker recovery passwords",
                "192.0.2.55", Instant.now(), requestId);
    }

    private List<OutboxEntry> awaitState(List<UUID> entries, DeliveryState state, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<OutboxEntry> found = deliveries().stream().filter(e -> entries.contains(e.getId())).toList();
            if (found.size() == entries.size() && found.stream().allMatch(e -> e.getState() == state)) {
                return found;
            }
            assertTrue(Instant.now().isBefore(deadline), "not " + state + " in time: " + describe(found));
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private OutboxEntry awaitAttempts(UUID entry, int attempts, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            OutboxEntry found = deliveries().stream().filter(e -> e.getId().equals(entry)).findFirst().orElseThrow();
            if (found.getAttempts() >= attempts) {
                return found;
            }
            assertTrue(Instant.now().isBefore(deadline), "no attempt in time: " + describe(List.of(found)));
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private List<OutboxEntry> deliveries() throws Exception {
        return admin.call(() -> channels.recentDeliveries(200));
    }

    private static String describe(List<OutboxEntry> entries) {
        return entries.stream().map(e -> e.getChannelName() + " " + e.getState() + " after " + e.getAttempts()
                + " attempt(s): " + e.getLastError()).toList().toString();
    }

    /** Beside the server's data directory, known to the server (ams.data.dir) and to the test JVM. */
    private static Path portsFile(Path dataDirectory) {
        return dataDirectory.resolveSibling("notifications-it.properties");
    }

    /** The server knows its data directory (ams.data.dir), the test JVM asks the environment it prepared. */
    private static Path sharedFile() {
        String dataDir = System.getProperty("ams.data.dir");
        return portsFile(dataDir != null ? Path.of(dataDir) : TestEnvironment.dataDirectory());
    }

    private static Properties shared() {
        Path file = sharedFile();
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static int port(String name) {
        return Integer.parseInt(shared().getProperty(name));
    }

    /** Ids outlive the restart and travel between test methods (in the server or the client) through the same file. */
    private static void remember(String name, Object id) throws IOException {
        Properties properties = shared();
        properties.setProperty("id." + name, id.toString());
        try (var out = Files.newOutputStream(sharedFile())) {
            properties.store(out, "NotificationsIT receivers and ids");
        }
    }

    private static UUID remembered(String name) {
        return UUID.fromString(shared().getProperty("id." + name));
    }
}
