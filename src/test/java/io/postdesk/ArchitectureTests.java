package io.postdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RestController;

/** What Spring Modulith does not check. Each rule fails when its packages are empty, so none can pass vacuously. */
class ArchitectureTests {

    private static final String[] DOMAIN = {
        "io.postdesk.shared..", "io.postdesk.ticket..", "io.postdesk.order..", "io.postdesk.contact..",
        "io.postdesk.staff..", "io.postdesk.spam..", "io.postdesk.settings..", "io.postdesk.attachment.."
    };

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.postdesk");

    @Test
    void domainModulesDoNotSpeakHttpMailOrTemplates() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.servlet..",
                        "org.springframework.web..",
                        "jakarta.mail..",
                        "org.apache.james.mime4j..",
                        "org.thymeleaf..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void controllersLiveOnlyInTheFaces() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(org.springframework.stereotype.Controller.class)
                .should()
                .resideInAnyPackage(
                        "io.postdesk.api..", "io.postdesk.web..", "io.postdesk.portal..", "io.postdesk.mail.inbound..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void noFieldInjection() {
        fields().should()
                .notBeAnnotatedWith(Autowired.class)
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void controllersArePackagePrivate() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .notBePublic()
                .allowEmptyShould(false)
                .check(classes);
    }

    /** H2 is on the compile classpath only for the housekeeping of its file; nothing else may tie itself to it. */
    @Test
    void onlyTheH2HousekeepingUsesH2() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("io.postdesk.system.H2Housekeeping")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.h2..")
                .allowEmptyShould(false)
                .check(classes);
    }
}
