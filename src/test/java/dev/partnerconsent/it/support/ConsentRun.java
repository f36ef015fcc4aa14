package dev.partnerconsent.it.support;

import dev.partnerconsent.it.support.ConsentBrowser.Login;
import dev.partnerconsent.it.support.ConsentBrowser.Page;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static dev.partnerconsent.it.support.ConsentBrowser.text;

/**
 * Runs many consents through the app with a fixed number of browsers at once, each browser with its own cookie jar
 * doing consent after consent, and records how each ended. Nothing is asserted here: the tests judge the outcomes.
 */
public final class ConsentRun {

    /** Who signs in for consent number {@code i}. */
    public record Who(String tenant, String user) {
    }

    private ConsentRun() {
    }

    public static List<ConsentOutcome> run(int consents, int browsers, IntFunction<Who> who) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<ConsentOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(browsers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int b = 0; b < browsers; b++) {
                running.add(pool.submit(() -> {
                    ConsentBrowser browser = new ConsentBrowser(InContainer.appBaseUrl());
                    for (int i = next.getAndIncrement(); i < consents; i = next.getAndIncrement()) {
                        outcomes.add(one(browser, i, who.apply(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<ConsentOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(java.util.Comparator.comparingInt(ConsentOutcome::index));
        return sorted;
    }

    private static ConsentOutcome one(ConsentBrowser browser, int index, Who who) {
        long t0 = System.nanoTime();
        Page page;
        try {
            page = browser.consent(new Login(who.user(), who.tenant(), true));
        } catch (Exception | AssertionError e) {
            // no answer at all (a timeout, a reset) or the IdP did not send the browser back: a lost consent
            return new ConsentOutcome(index, who.tenant(), who.user(), 0, false, e.getClass().getSimpleName(), null, null,
                    false, "no page: " + e.getClass().getSimpleName(), took(t0));
        }
        boolean ok = page.status() == 200 && text(page, "consent-ok").startsWith("Consent successful");
        if (ok) {
            return new ConsentOutcome(index, who.tenant(), who.user(), 200, true, null, text(page, "secret-name"),
                    text(page, "secret-version"), true, null, took(t0));
        }
        String problem = errorPageProblem(page);
        return new ConsentOutcome(index, who.tenant(), who.user(), page.status(), false, text(page, "error-code"), null, null,
                problem == null, problem, took(t0));
    }

    /** Why this is not a proper error page (null when it is): what a person would need to act on it. */
    public static String errorPageProblem(Page page) {
        String body = page.body();
        if (page.status() < 400 || page.status() > 599) {
            return "HTTP " + page.status() + " is neither a result nor an error page";
        }
        if (body == null || body.isBlank()) {
            return "blank page";
        }
        if (body.contains("Exception:") || body.matches("(?s).*\\bat [a-z]+\\.[a-zA-Z0-9_.$]+\\(.*")) {
            return "stack trace or exception name on the page";
        }
        if (!page.header("Content-Type").orElse("").startsWith("text/html")) {
            return "not an HTML page: " + page.header("Content-Type").orElse("(no content type)");
        }
        for (String id : List.of("error-code", "error-title", "error-meaning", "error-fix")) {
            if (text(page, id).isBlank()) {
                return "no " + id;
            }
        }
        if (!body.contains("Nothing was stored")) {
            return "does not say that nothing was stored";
        }
        return null;
    }

    private static Duration took(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
