package dev.partnerconsent.bench;

import dev.partnerconsent.diagnostics.ConsentMetrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PartnerConsent's own timers as the server publishes them ({@code /metrics?scope=application}, Prometheus text):
 * the whole callback, and the waits on the token endpoint and Key Vault within it. Differences of two readings give a
 * phase's figures.
 */
record AppTimers(Total callback, Total tokenEndpoint, Total keyVault) {

    /** Count and summed time of one timer. */
    record Total(long count, Duration sum) {
        Total minus(Total earlier) {
            return new Total(count - earlier.count, sum.minus(earlier.sum));
        }
    }

    AppTimers minus(AppTimers earlier) {
        return new AppTimers(callback.minus(earlier.callback), tokenEndpoint.minus(earlier.tokenEndpoint),
                keyVault.minus(earlier.keyVault));
    }

    /** Mean time per callback the app spent itself: callback total minus both waits, per callback. */
    Duration appTimePerCallback() {
        if (callback.count == 0) {
            return Duration.ZERO;
        }
        return callback.sum.minus(tokenEndpoint.sum).minus(keyVault.sum).dividedBy(callback.count);
    }

    /** Reads the timers; the raw answer is kept in {@code copy} (overwritten) to check what was parsed. */
    static AppTimers read(HttpClient http, String baseUrl, java.nio.file.Path copy) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics?scope=application"))
                .header("Accept", "text/plain").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/metrics answered " + r.statusCode());
        }
        java.nio.file.Files.writeString(copy, r.body());
        return parse(r.body());
    }

    static AppTimers parse(String prometheus) {
        return new AppTimers(total(prometheus, ConsentMetrics.CALLBACK), total(prometheus, ConsentMetrics.TOKEN_ENDPOINT),
                total(prometheus, ConsentMetrics.KEY_VAULT));
    }

    /**
     * A timer's count and sum in seconds. Payara Micro 6 writes {@code <name>_count} and {@code <name>_sum} (seconds;
     * its {@code _mean} and {@code _max} gauges are in nanoseconds); MicroProfile Metrics 5 elsewhere
     * {@code <name>_seconds_count} and {@code <name>_seconds_sum}; Metrics 3 and 4 prefix {@code application_} and write
     * the sum as {@code <name>_elapsedTime_seconds}. Absent (never recorded) is zero.
     */
    private static Total total(String text, String name) {
        double count = first(text, name, "_count", "_seconds_count");
        double sum = first(text, name, "_sum", "_seconds_sum", "_elapsedTime_seconds");
        return new Total((long) count, Duration.ofNanos(Math.round(sum * 1e9)));
    }

    private static double first(String text, String name, String... suffixes) {
        for (String suffix : suffixes) {
            double v = value(text, name, suffix);
            if (v != 0) {
                return v;
            }
        }
        return 0;
    }

    private static double value(String text, String name, String suffix) {
        Matcher m = Pattern.compile("(?m)^(?:application_)?" + Pattern.quote(name + suffix) + "(?:\\{[^}]*\\})?\\s+(\\S+)")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
