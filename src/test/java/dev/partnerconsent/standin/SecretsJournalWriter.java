package dev.partnerconsent.standin;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.nio.file.Path;

/** At the end of a test JVM (Surefire's or Failsafe's), hands the {@link SecretsJournal} to the suite-wide leak check. */
public class SecretsJournalWriter implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        String dir = System.getProperty("leakcheck.dir");
        if (dir != null) {
            SecretsJournal.writeTo(Path.of(dir));
        }
    }
}
