package dev.partnerconsent.alerts;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alert e-mails through a real SMTP server (GreenMail) with a Jakarta Mail session, as the server would provide it. */
class MailChannelTest {

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private Session session(int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        return Session.getInstance(p);
    }

    @Test
    void anAlertArrivesWithTextAndEscapedHtml() throws Exception {
        MailChannel mail = new MailChannel(session(smtp.getSmtp().getPort()), new InternetAddress("partnerconsent@contoso.example"),
                List.of(new InternetAddress("ops@contoso.example"), new InternetAddress("oncall@contoso.example")));
        mail.deliver(Alerts.needsReconsent());

        assertTrue(smtp.waitForIncomingEmail(10_000, 2), "one message per recipient");
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertEquals(Alerts.needsReconsent().subject(), received.getSubject());
        MimeMultipart parts = (MimeMultipart) received.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(text.contains("Cause: AADSTS50173 — The refresh token was revoked"), text);
        assertTrue(text.contains("https://consent.example.com/consent/start?domain_hint=" + Alerts.TENANT), text);
        assertTrue(html.contains("Fabrikam &lt;script&gt;alert(1)&lt;/script&gt; &amp;"), html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("href=\"https://consent.example.com/troubleshooting#AADSTS50173\""), html);
        // kept for people to look at, as the screenshots of an alert e-mail
        Path out = Path.of("target", "alerts");
        Files.createDirectories(out);
        Files.writeString(out.resolve("alert-mail.html"), html);
        Files.writeString(out.resolve("alert-mail.eml"), GreenMailUtil.getWholeMessage(received));
    }

    @Test
    void anSmtpServerThatIsNotThereIsAFailedDelivery() {
        MailChannel mail = new MailChannel(session(1), address("partnerconsent@contoso.example"),
                List.of(address("ops@contoso.example")));
        DeliveryFailed e = assertThrows(DeliveryFailed.class, () -> mail.deliver(Alerts.needsReconsent()));
        assertTrue(e.getMessage().startsWith("mail (1 recipient) failed: "), e.getMessage());
    }

    private static InternetAddress address(String a) {
        try {
            return new InternetAddress(a);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
