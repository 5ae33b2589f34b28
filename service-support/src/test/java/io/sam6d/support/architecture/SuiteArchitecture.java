package io.sam6d.support.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The suite's arrows as ArchUnit rules, shared by every server's {@code ArchitectureTest}: servers never import
 * each other (main-server reaches the others over REST only), and main-server uses no engine.
 */
public final class SuiteArchitecture {

    /** The root package of each server. */
    public static final List<String> SERVER_PACKAGES = List.of("io.sam6d.main", "io.sam6d.ism", "io.sam6d.pem",
            "io.sam6d.render");

    /**
     * What only the compute servers run: the segmentation and pose engines and the types they exchange, the prepared
     * models, the TorchScript engines, the measuring tools, and module engine-hosting (model caches, engine choice,
     * the bulkhead).
     */
    public static final List<String> ENGINE_PACKAGES = List.of("io.sam6d.vision.segmentation..",
            "io.sam6d.vision.pose..", "io.sam6d.vision.detection..", "io.sam6d.vision.model..",
            "io.sam6d.vision.djl..", "io.sam6d.vision.eval..", "io.sam6d.vision.synthetic..",
            "io.sam6d.support.models..", "io.sam6d.support.admission..", "ai.djl..");

    private SuiteArchitecture() {
    }

    /** The classes of the server rooted at {@code serverPackage} use no class of another server. */
    public static ArchRule usesNoOtherServer(String serverPackage) {
        String[] others = SERVER_PACKAGES.stream().filter(p -> !p.equals(serverPackage)).map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(serverPackage + "..").should().dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("servers never import each other; main-server reaches the others over REST only");
    }

    /** main-server writes pictures with vision-core's image, geometry and visualisation code, never an engine. */
    public static ArchRule mainServerUsesNoEngine() {
        return noClasses().that().resideInAPackage("io.sam6d.main..").should().dependOnClassesThat()
                .resideInAnyPackage(ENGINE_PACKAGES.toArray(String[]::new))
                .because("main-server calls ISM, PEM and render over REST and ships no engine library");
    }
}
