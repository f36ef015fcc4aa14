package dev.partnerconsent.alerts;

import dev.partnerconsent.diagnostics.FailureCode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts alerts to one webhook URL in one {@link WebhookFormat}. The URL itself is a credential (whoever has it can
 * post to the channel), so messages name only its host.
 */
public final class WebhookChannel implements AlertChannel {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final WebhookFormat format;
    private final HttpClient http;
    private final Duration timeout;

    public WebhookChannel(URI url, WebhookFormat format) {
        this(url, format, TIMEOUT);
    }

    WebhookChannel(URI url, WebhookFormat format, Duration timeout) {
        this.url = url;
        this.format = format;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "webhook (" + format.name().toLowerCase(java.util.Locale.ROOT) + ", " + url.getHost() + ")";
    }

    @Override
    public void deliver(Alert alert) throws DeliveryFailed {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "PartnerConsent")
                .POST(HttpRequest.BodyPublishers.ofString(format.payload(alert).toString(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryFailed(FailureCode.ALERT_WEBHOOK_REFUSED, name() + " answered HTTP " + response.statusCode());
            }
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailed(FailureCode.ALERT_WEBHOOK_TIMEOUT, name() + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new DeliveryFailed(FailureCode.ALERT_WEBHOOK_UNREACHABLE, name() + " could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed(FailureCode.ALERT_WEBHOOK_TIMEOUT, name() + ": interrupted");
        }
    }
}
