package dev.partnerconsent;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages' layers, lowest first: a package imports only packages of its own layer or lower ones, and there are no
 * cycles between packages (so two packages of one layer may not lean on each other both ways). Each package's
 * {@code package-info.java} says the same in words.
 */
class LayersTest {

    static final String APP = "dev.partnerconsent";

    /**
     * Lowest first; packages in one row are peers. {@code tenant} (value types, importing nothing of the app) and
     * {@code store} (persistence beside the vault) are places kept for what comes next.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of("settings", "diagnostics", "tenant"),
            List.of("http"),
            List.of("entra"),
            List.of("vault", "store", "health", "alerts"),
            List.of("signin"),
            List.of("lifecycle"),
            List.of("customers"),
            List.of("operator", "dashboard"));

    private static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(APP);
    }

    private static String[] packages(List<List<String>> layers) {
        return layers.stream().flatMap(List::stream).map(p -> APP + "." + p + "..").toArray(String[]::new);
    }

    @Test
    void eachPackageImportsOnlyItsOwnLayerAndLowerOnes() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            List<List<String>> higher = new ArrayList<>(LAYERS.subList(i + 1, LAYERS.size()));
            noClasses().that().resideInAnyPackage(packages(List.of(LAYERS.get(i))))
                    .should().dependOnClassesThat().resideInAnyPackage(packages(higher))
                    .because("layer " + LAYERS.get(i) + " lies below " + higher)
                    .check(app);
        }
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching(APP + ".(*)..").should().beFreeOfCycles().check(app);
    }

    @Test
    void everyClassLivesInAPackageOfSomeLayer() {
        classes().should().resideInAnyPackage(packages(LAYERS))
                .because("a new package takes its place in LayersTest.LAYERS and says its rule in package-info.java")
                .check(app);
    }

    @Test
    void valueTypesImportNothingOfTheApp() {
        List<List<String>> others = LAYERS.stream().map(l -> l.stream().filter(p -> !p.equals("tenant")).toList()).toList();
        noClasses().that().resideInAPackage(APP + ".tenant..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(others))
                .because("value types such as TenantId are used by every layer and use none")
                .allowEmptyShould(true)
                .check(app);
    }

    @Test
    void theLowestLayerKnowsNothingOfTheWeb() {
        noClasses().that().resideInAnyPackage(packages(List.of(LAYERS.get(0))))
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.faces..", "jakarta.ws.rs..")
                .because("settings, failures and tenant ids are read by every layer, web or not")
                .check(app);
    }
}
