package dev.partnerconsent.alerts;

import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.LiveProbe;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SettingsReader;
import dev.partnerconsent.settings.SetupProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * The setup check of the alert channels: the mail session resolvable by its JNDI name, recipients given and well
 * formed, a public URL for the links. (Webhooks that are not https are refused when the settings are read.) Warnings
 * only: alerts never block a consent.
 */
@ApplicationScoped
public class AlertsProbe implements LiveProbe {

    private final Settings settings;
    private final Alerting alerting;
    private final FailureCatalogue catalogue;

    @Inject
    public AlertsProbe(Settings settings, Alerting alerting, FailureCatalogue catalogue) {
        this.settings = settings;
        this.alerting = alerting;
        this.catalogue = catalogue;
    }

    protected AlertsProbe() {
        this(null, null, null);
    }

    @Override
    public String name() {
        return "Alert channels";
    }

    @Override
    public List<SetupProblem> run() {
        ConsentSettings.AlertValues v = settings.get().alerts();
        List<SetupProblem> problems = new ArrayList<>();
        if (!v.enabled()) {
            return problems;
        }
        alerting.missingMailSession(v).ifPresent(why -> problems.add(SetupProblem.warning(SettingsReader.ALERTS_MAIL_SESSION,
                why, fix(FailureCode.ALERT_MAIL_SESSION_MISSING))));
        if (v.mailSession().isPresent() && v.mailTo().isEmpty()) {
            problems.add(SetupProblem.warning(SettingsReader.ALERTS_MAIL_TO, "A mail session is set but no recipient, so no "
                    + "alert e-mail is sent.", "List the addresses that get alerts, separated by commas."));
        }
        for (String address : v.mailTo()) {
            try {
                new InternetAddress(address, true);
            } catch (AddressException e) {
                problems.add(SetupProblem.warning(SettingsReader.ALERTS_MAIL_TO, "'" + address + "' is not an e-mail address, "
                        + "so no alert e-mail is sent.", "List addresses such as ops@example.com, separated by commas."));
            }
        }
        boolean anyChannel = !v.webhooks().isEmpty() || v.mailSession().isPresent();
        if (anyChannel && v.publicUrl().isEmpty()) {
            problems.add(SetupProblem.warning(SettingsReader.PUBLIC_URL, "Neither a public URL nor a redirect URI is set, so "
                    + "alerts carry no troubleshooting or re-consent link.", "Set it to the address people open "
                    + "PartnerConsent at, e.g. https://consent.example.com."));
        }
        return problems;
    }

    private String fix(FailureCode code) {
        return catalogue.find(code.code()).map(e -> e.fix()).orElse("");
    }
}
