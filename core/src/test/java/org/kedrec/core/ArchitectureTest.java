package org.kedrec.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core is shared by the plugin, the trainer and the importer, so it must not know Neo4j (STYLE.md, rule 1). */
class ArchitectureTest {
    @Test
    void coreDoesNotDependOnNeo4j() {
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.kedrec.core");
        noClasses().should().dependOnClassesThat().resideInAPackage("org.neo4j..").check(core);
    }
}
