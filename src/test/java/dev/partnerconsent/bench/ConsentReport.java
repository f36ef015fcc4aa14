package dev.partnerconsent.bench;

import dev.partnerconsent.bench.ConsentBenchmark.Phase;
import dev.partnerconsent.bench.ConsentBenchmark.Series;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The benchmark's text report: machine, settings, each server's phases, and PartnerConsent against the baseline. */
final class ConsentReport {

    private ConsentReport() {
    }

    static String format(Machine machine, Instant started, String loadBefore, String loadAfter, Duration warmup,
                         Duration phase, Series pc, Series base) {
        StringBuilder b = new StringBuilder();
        b.append("PartnerConsent consent benchmark (").append(started.toString()).append(")\n");
        b.append("  machine        ").append(machine.describe()).append('\n');
        b.append(f("  load average   %s before, %s after (1/5/15 min; more than ~0.5 before means others were busy)%n",
                loadBefore, loadAfter));
        b.append(f("  settings       Payara Micro 6.2025.10, -Xmx512m, both servers up; warm-up %d s at 4 users each, "
                + "then %d s per concurrency,%n                 PartnerConsent and baseline phases alternating%n",
                warmup.toSeconds(), phase.toSeconds()));
        b.append("                 virtual users without think time; the load generator and the stand-ins run in the\n");
        b.append("                 benchmark's JVM on the same CPUs as the server\n");
        b.append("  latency        of the callback request only (code redemption, ID token checks, Key Vault, result page)\n\n");

        b.append(f("PartnerConsent: whole consents, a new partner tenant each (ready after %.1f s)%n", pc.startup().toMillis() / 1000.0));
        b.append("  users  consents/s  callback p50   p99     mean  | app time  token ep.  Key Vault | server CPU/consent  failed\n");
        for (Phase p : pc.phases()) {
            AppTimers t = p.timers();
            b.append(f("  %5d  %10.1f  %9.1f ms %6.1f %8.1f  | %6.2f ms  %6.2f ms  %6.2f ms | %14.2f ms  %6d%n",
                    p.load().users(), p.load().perSecond(), ms(p.load().p50Nanos()), ms(p.load().p99Nanos()),
                    ms(p.load().meanNanos()), ms(t.appTimePerCallback()), perCallback(t.tokenEndpoint(), t),
                    perCallback(t.keyVault(), t), ms(p.cpuPerSignIn()), p.load().failed()));
        }
        b.append("  app time = (callback timer - token endpoint - Key Vault) / callbacks, from /metrics?scope=application;\n");
        b.append("  token ep. and Key Vault are the mean waits per callback; server CPU = utime+stime of the Payara JVM.\n");
        documents(b, pc, "consents");

        b.append(f("%nBaseline: the same sign-in through Payara's built-in OpenID Connect (Jakarta Security 3.0%n"));
        b.append("@OpenIdAuthenticationMechanismDefinition), no Key Vault store, no MFA check, no PKCE, one tenant");
        b.append(f(" (ready after %.1f s)%n", base.startup().toMillis() / 1000.0));
        b.append("  users  sign-ins/s  callback p50   p99     mean  | server CPU/sign-in  failed\n");
        for (Phase p : base.phases()) {
            b.append(f("  %5d  %10.1f  %9.1f ms %6.1f %8.1f  | %15.2f ms  %6d%n", p.load().users(), p.load().perSecond(),
                    ms(p.load().p50Nanos()), ms(p.load().p99Nanos()), ms(p.load().meanNanos()), ms(p.cpuPerSignIn()),
                    p.load().failed()));
        }
        documents(b, base, "sign-ins");

        b.append(f("%nPartnerConsent / baseline (throughput below 1 and latency above 1: PartnerConsent costs more)%n"));
        b.append("  users  throughput  p50 latency  p99 latency  mean latency  mean latency without Key Vault  CPU per sign-in\n");
        for (int i = 0; i < Math.min(pc.phases().size(), base.phases().size()); i++) {
            Phase p = pc.phases().get(i);
            Phase q = base.phases().get(i);
            double kvMean = perCallback(p.timers().keyVault(), p.timers()) * 1e6;
            b.append(f("  %5d  %10.2f  %11.2f  %11.2f  %12.2f  %30.2f  %15.2f%n", p.load().users(),
                    ratio(p.load().perSecond(), q.load().perSecond()),
                    ratio(p.load().p50Nanos(), q.load().p50Nanos()), ratio(p.load().p99Nanos(), q.load().p99Nanos()),
                    ratio(p.load().meanNanos(), q.load().meanNanos()),
                    ratio(p.load().meanNanos() - kvMean, q.load().meanNanos()),
                    ratio(p.cpuPerSignIn().toNanos(), q.cpuPerSignIn().toNanos())));
        }
        b.append("  The baseline stores nothing: PartnerConsent's Key Vault write is part of its figures (the column\n");
        b.append("  'without Key Vault' takes its measured wait off PartnerConsent's mean callback latency).\n");
        return b.toString();
    }

    /** An earlier build's figures beside this one's, from the same run (its phases alternate with the others). */
    static String beforeAndAfter(java.nio.file.Path beforeWar, Series before, Series after) {
        StringBuilder b = new StringBuilder();
        b.append(f("%nBefore and after: %s (before) and this build, phases alternating in this run%n", beforeWar));
        b.append("  users  consents/s before/after  callback p50 before/after  p50 added  app time before/after"
                + "  CPU/consent before/after\n");
        for (int i = 0; i < Math.min(before.phases().size(), after.phases().size()); i++) {
            Phase p = before.phases().get(i);
            Phase q = after.phases().get(i);
            b.append(f("  %5d  %11.1f / %-11.1f  %11.2f / %-8.2f ms  %+7.2f ms  %8.2f / %-5.2f ms  %9.2f / %-5.2f ms%n",
                    p.load().users(), p.load().perSecond(), q.load().perSecond(), ms(p.load().p50Nanos()),
                    ms(q.load().p50Nanos()), ms(q.load().p50Nanos() - p.load().p50Nanos()),
                    ms(p.timers().appTimePerCallback()), ms(q.timers().appTimePerCallback()), ms(p.cpuPerSignIn()),
                    ms(q.cpuPerSignIn())));
        }
        return b.toString();
    }

    private static void documents(StringBuilder b, Series s, String what) {
        b.append(f("  provider metadata requests: %d, JWKS requests: %d in %,d measured %s = %.2f and %.2f per 1,000%n",
                s.metadataRequests(), s.jwksRequests(), s.signIns(), what, s.perThousand(s.metadataRequests()),
                s.perThousand(s.jwksRequests())));
    }

    private static double perCallback(AppTimers.Total total, AppTimers t) {
        return t.callback().count() == 0 ? 0 : ms(total.sum().dividedBy(t.callback().count()));
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
