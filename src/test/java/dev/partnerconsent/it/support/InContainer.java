package dev.partnerconsent.it.support;

import dev.partnerconsent.standin.StandIns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;

/**
 * Base of the in-container tests: the real packaged WAR ({@code target/partner-consent.war}, deployed as the
 * root context) on Payara Micro, configured for the stand-ins; tests drive it over HTTP as a browser would.
 */
@ExtendWith({StandInsExtension.class, ArquillianExtension.class})
public abstract class InContainer {


    @Deployment(testable = false)
    public static WebArchive packagedWar() {
        File war = new File(System.getProperty("it.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    protected static StandIns standIns() {
        return StandInsExtension.standIns();
    }

    /** Every in-container class ends by checking that nothing secret reached the server log or the captured output. */
    @org.junit.jupiter.api.AfterAll
    public static void nothingSecretInTheLogs() throws Exception {
        LeakCheck.assertNoLeaks(LeakCheck.secretsOfTheRun(standIns()), LeakCheck.capturedLogs());
    }

    public static String appBaseUrl() {
        return "http://127.0.0.1:" + Integer.getInteger("it.app.port");
    }
}
