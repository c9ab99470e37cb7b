package org.semptify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of the README's code map, checked on the compiled main classes. Top: {@code
 * app} (composition root) and {@code cli}; then each feature's {@code web} package; the features'
 * domains (vault, users, documents, records, admin); the web kit {@code web} and {@code
 * security}(/web); {@code store} (interfaces) and {@code store.file}; bottom: crypto, ops, config,
 * i18n, json, files. Nothing is frozen: every rule holds on the whole code base.
 */
class ArchitectureTest {
  private static final String[] WEB_LAYER = {
    "org.semptify.app..", "org.semptify.web..", "org.semptify.*.web.."
  };
  private static final String[] FEATURES = {
    "org.semptify.admin..",
    "org.semptify.users..",
    "org.semptify.vault..",
    "org.semptify.documents..",
    "org.semptify.records.."
  };
  private static final String[] BOTTOM = {
    "org.semptify.config..",
    "org.semptify.crypto..",
    "org.semptify.files..",
    "org.semptify.i18n..",
    "org.semptify.json..",
    "org.semptify.ops.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.semptify");
    // Guards against a vacuous pass: the rules must see the whole code base.
    assertThat(classes.size()).isGreaterThan(150);
  }

  @Test
  void javalinLivesOnlyInTheWebKitTheFeaturesWebPackagesAndApp() {
    noClasses()
        .that()
        .resideOutsideOfPackages(WEB_LAYER)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.javalin..")
        .because("domains, stores and the CLI must work without an HTTP server")
        .check(classes);
  }

  @Test
  void onlyTheCliAndMainReachTheCompositionRoot() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.semptify.app..", "org.semptify.cli..")
        .and()
        .doNotHaveFullyQualifiedName(Main.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.semptify.app..")
        .check(classes);
  }

  @Test
  void onlyMainReachesTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.semptify.cli..")
        .and()
        .doNotHaveFullyQualifiedName(Main.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.semptify.cli..")
        .check(classes);
  }

  @Test
  void theCliImportsNoWebPackage() {
    noClasses()
        .that()
        .resideInAPackage("org.semptify.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.semptify.web..", "org.semptify.*.web..")
        .check(classes);
  }

  @Test
  void theFileStoreIsReachedOnlyThroughTheStoreInterfaces() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "org.semptify.app..", "org.semptify.cli..", "org.semptify.store.file..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.semptify.store.file..")
        .because("a second storage implementation must be able to replace it in App alone")
        .check(classes);
  }

  @Test
  void theBucketIsReachedOnlyThroughTheStoreInterfaces() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "org.semptify.app..", "org.semptify.cli..", "org.semptify.store.s3..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.semptify.store.s3..", "software.amazon.awssdk..")
        .because("the vault sees a BlobStore; only App chooses the bucket")
        .check(classes);
  }

  @Test
  void noDomainImportsAWebPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackages(WEB_LAYER)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.semptify.*.web..")
        .check(classes);
  }

  @Test
  void theWebKitImportsNoFeatureNoSecurityAndNoStore() {
    noClasses()
        .that()
        .resideInAPackage("org.semptify.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.semptify.security..", "org.semptify.store..")
        .check(classes);
  }

  @Test
  void securityAndTheStoresImportNoFeature() {
    noClasses()
        .that()
        .resideInAnyPackage("org.semptify.security..", "org.semptify.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .check(classes);
  }

  @Test
  void theStoresImportNoSecurity() {
    noClasses()
        .that()
        .resideInAPackage("org.semptify.store..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.semptify.security..")
        .check(classes);
  }

  @Test
  void theBottomPackagesImportOnlyEachOther() {
    noClasses()
        .that()
        .resideInAnyPackage(BOTTOM)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.semptify.app..",
            "org.semptify.cli..",
            "org.semptify.web..",
            "org.semptify.security..",
            "org.semptify.store..")
        .check(classes);
  }

  @Test
  void theTopLevelPackagesHaveNoCycles() {
    slices().matching("org.semptify.(*)..").should().beFreeOfCycles().check(classes);
  }
}
