package org.ams.notify.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import org.ams.notify.AccessNotification;
import org.ams.notify.DeliveryFailedException;
import org.ams.notify.InvalidChannelException;
import org.ams.notify.template.InvalidTemplateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Email delivery against a real SMTP server (GreenMail) on 127.0.0.1. */
class SmtpChannelTest {

    private static final String PASSWORD = "Smtp-Secret-4711";

    private GreenMail mail;

    @BeforeEach
    void startMailServer() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        mail.setUser("ams@corp.example", "ams", PASSWORD);
    }

    @AfterEach
    void stopMailServer() {
        mail.stop();
    }

    @Test
    @DisplayName("An HTML email arrives with escaped values, a one-line subject and every recipient")
    void delivers() throws Exception {
        AccessNotification notification = new AccessNotification("eve\r\nBcc: all@corp.example", "<b>Eve</b>",
                "PC-1", "pc-1.corp.example", "<script>alert('x')</script> & more", "Success", "Access granted",
                "Laptops", "Read BitLocker recovery passwords", "192.0.2.7", Instant.parse("2026-11-29T08:00:00Z"), "r-1");

        String outcome = new SmtpChannel(settings(SmtpSecurity.NONE, "ams"), PASSWORD.toCharArray()).send(notification);

        assertEquals("accepted by 127.0.0.1:" + port() + " for 2 recipient(s)", outcome);
        assertTrue(mail.waitForIncomingEmail(5000, 2));
        MimeMessage received = mail.getReceivedMessages()[0];
        assertEquals("Access Success by eve  Bcc: all@corp.example", received.getSubject());
        assertEquals(2, received.getRecipients(Message.RecipientType.TO).length);
        assertEquals(null, received.getHeader("Bcc"), "no header was injected");
        assertTrue(received.getContentType().startsWith("text/html"), received.getContentType());
        String body = GreenMailUtil.getBody(received);
        assertTrue(body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"), body);
        assertTrue(body.contains("&lt;b&gt;Eve&lt;/b&gt;"), body);
        assertFalse(body.contains("<script>"), body);
    }

    @Test
    @DisplayName("A wrong password is reported without the password; nothing is sent")
    void wrongPassword() {
        char[] wrong = "Not-The-Password-99".toCharArray();

        DeliveryFailedException failed = assertThrows(DeliveryFailedException.class,
                () -> new SmtpChannel(settings(SmtpSecurity.NONE, "ams"), wrong).send(AccessNotification.sample()));

        assertEquals("127.0.0.1:" + port() + " refused the user name or password of ams.", failed.getMessage());
        assertFalse(failed.getMessage().contains("Not-The-Password-99"));
        assertEquals(0, mail.getReceivedMessages().length);
    }

    @Test
    @DisplayName("STARTTLS required never falls back to clear text")
    void starttlsIsRequired() {
        DeliveryFailedException failed = assertThrows(DeliveryFailedException.class,
                () -> new SmtpChannel(settings(SmtpSecurity.STARTTLS, "ams"), PASSWORD.toCharArray())
                        .send(AccessNotification.sample()));

        assertTrue(failed.getMessage().startsWith("Could not send through 127.0.0.1:" + port()), failed.getMessage());
        assertFalse(failed.getMessage().contains(PASSWORD));
        assertEquals(0, mail.getReceivedMessages().length);
    }

    @Test
    @DisplayName("A mail server that is down is a failed delivery with a reason, within the connect time-out")
    void serverDown() {
        SmtpSettings settings = settings(SmtpSecurity.NONE, "");
        mail.stop();

        DeliveryFailedException failed = assertThrows(DeliveryFailedException.class,
                () -> new SmtpChannel(settings, null).send(AccessNotification.sample()));

        assertTrue(failed.getMessage().startsWith("Could not send through 127.0.0.1:"), failed.getMessage());
    }

    @Test
    @DisplayName("Addresses, host, port and templates are checked when saved, with sentences to act on")
    void refusesBadSettings() {
        assertEquals("The recipient address 'helpdesk' is not an email address such as ams@corp.example.",
                assertThrows(InvalidChannelException.class, () -> new SmtpSettings("smtp.corp.example", 587,
                        SmtpSecurity.STARTTLS, "", "ams@corp.example", "a@corp.example, helpdesk", "S", "B"))
                        .getMessage());
        assertEquals("The subject template is one line: remove the line breaks.",
                assertThrows(InvalidChannelException.class, () -> new SmtpSettings("smtp.corp.example", 587,
                        SmtpSecurity.STARTTLS, "", "ams@corp.example", "a@corp.example", "S\r\nBcc: x", "B"))
                        .getMessage());
        assertTrue(assertThrows(InvalidChannelException.class, () -> new SmtpSettings("smtp.corp.example", 0,
                SmtpSecurity.STARTTLS, "", "ams@corp.example", "a@corp.example", "S", "B")).getMessage()
                .contains("port"));
        assertTrue(assertThrows(InvalidTemplateException.class, () -> new SmtpSettings("smtp.corp.example", 25,
                SmtpSecurity.NONE, "", "ams@corp.example", "a@corp.example", "S", "{{password}}")).getMessage()
                .contains("unknown variable {{password}}"));
        assertTrue(assertThrows(InvalidChannelException.class, () -> new SmtpSettings("smtp.corp.example", 25,
                SmtpSecurity.NONE, "", "Eve <eve@corp.example>\r\nBcc: x@y", "a@corp.example", "S", "B"))
                .getMessage().startsWith("The sender address"));
    }

    private SmtpSettings settings(SmtpSecurity security, String username) {
        return new SmtpSettings("127.0.0.1", port(), security, username, "ams@corp.example",
                "security@corp.example; helpdesk-leads@corp.example", "Access {{result}} by {{user}}",
                SmtpSettings.DEFAULT_BODY);
    }

    private int port() {
        return mail.getSmtp().getPort();
    }
}
