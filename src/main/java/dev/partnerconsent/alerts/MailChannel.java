package dev.partnerconsent.alerts;

import dev.partnerconsent.diagnostics.FailureCode;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.util.Date;
import java.util.List;

/**
 * Sends alerts as e-mail through a Jakarta Mail session the server provides (looked up by JNDI name, so host, port,
 * TLS and credentials stay in the server's configuration). Plain text and HTML alternatives; every value from outside
 * is escaped in the HTML.
 */
public final class MailChannel implements AlertChannel {

    private final Session session;
    private final InternetAddress from;
    private final List<InternetAddress> to;

    public MailChannel(Session session, InternetAddress from, List<InternetAddress> to) {
        this.session = session;
        this.from = from;
        this.to = List.copyOf(to);
    }

    @Override
    public String name() {
        return "mail (" + to.size() + " recipient" + (to.size() == 1 ? "" : "s") + ")";
    }

    @Override
    public void deliver(Alert alert) throws DeliveryFailed {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
            message.setSubject(alert.subject(), "UTF-8");
            message.setSentDate(Date.from(alert.at()));
            MimeBodyPart text = new MimeBodyPart();
            text.setText(AlertText.plain(alert), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(AlertText.html(alert), "text/html; charset=UTF-8");
            message.setContent(new MimeMultipart("alternative", text, html));
            Transport.send(message);
        } catch (MessagingException e) {
            // the server's answer (e.g. "535 authentication failed") names no password
            throw new DeliveryFailed(FailureCode.ALERT_MAIL_FAILED, name() + " failed: " + e.getClass().getSimpleName() + " "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
