package dev.nitric.spring;

import java.lang.reflect.Modifier;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules of the module's layout: the packages the deployer reuses stay free of Spring, and auto-configurations
 * follow Spring Boot's conventions.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.nitric.spring");

	@Test
	void modelManifestCloudStorageAndGatewayImportNothingFromSpring() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage("dev.nitric.spring.model..", "dev.nitric.spring.manifest..", "dev.nitric.spring.cloud..",
					"dev.nitric.spring.storage..", "dev.nitric.spring.gateway..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.because("the deployer reuses these packages without Spring on its class path");
		rule.check(CLASSES);
	}

	@Test
	void modelManifestAndCloudDoNotDependOnTheRuntime() {
		noClasses().that()
			.resideInAnyPackage("dev.nitric.spring.model..", "dev.nitric.spring.manifest..", "dev.nitric.spring.cloud..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.nitric.spring.autoconfigure..", "dev.nitric.spring.storage..")
			.check(CLASSES);
	}

	@Test
	void autoConfigurationsArePublicFinalShellsInAutoconfigurePackages() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
			.andShould()
			.resideInAPackage("dev.nitric.spring.autoconfigure..")
			.check(CLASSES);
		assertThat(CLASSES.stream().filter((javaClass) -> javaClass.isAnnotatedWith(AutoConfiguration.class)))
			.allSatisfy((javaClass) -> assertThat(javaClass.reflect().getDeclaredMethods())
				.noneMatch((method) -> Modifier.isPublic(method.getModifiers())))
			.isNotEmpty();
	}

}
