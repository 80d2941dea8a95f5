package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.citizendata.collaborative.CollaborativeWorkflowsApplication;
import org.citizendata.collaborative.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Restarts of the application against one PostgreSQL database: unchanged models keep their
 * versions, a changed model gets exactly one more, and resources keep their project paths.
 */
class ModelDeploymentTest {

    @TempDir
    Path models;

    @Test
    void restartsKeepVersionsAndAChangedModelAddsExactlyOne() throws IOException {
        copyProjectModels(models);
        String database = TestPostgres.newDatabase("deployment");

        Map<String, Integer> first = withApplication(database, ModelDeploymentTest::latestVersions);
        assertThat(first).containsEntry("organisation-details-review", 1);

        Map<String, Integer> second = withApplication(database, ModelDeploymentTest::latestVersions);
        assertThat(second).isEqualTo(first);

        Path model = models.resolve("processes/directory/organisation-details-review.bpmn");
        Files.writeString(model, Files.readString(model).replace("name=\"Details confirmed\"", "name=\"Details checked\""));

        Map<String, Integer> third = withApplication(database, engine -> {
            assertThat(definitionCount(engine)).isEqualTo(first.size() + 1);
            return latestVersions(engine);
        });
        assertThat(third).containsEntry("organisation-details-review", 2);
        third.remove("organisation-details-review");
        first.remove("organisation-details-review");
        assertThat(third).isEqualTo(first);
    }

    @Test
    void resourcesAreNamedByTheirPathInTheProject() {
        String database = TestPostgres.newDatabase("names");
        List<String> names = withApplication(database, "classpath*:", engine -> {
            RepositoryService repository = engine.getRepositoryService();
            String deploymentId = repository.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
                    .singleResult().getId();
            return repository.getDeploymentResources(deploymentId).stream().map(Resource::getName).sorted().toList();
        });
        assertThat(names).contains("processes/directory/organisation-details-review.bpmn",
                "forms/directory/confirm-organisation-details.form");
        assertThat(names).allMatch(name -> name.startsWith("processes/") || name.startsWith("forms/"));
    }

    private <T> T withApplication(String database, Function<ProcessEngine, T> check) {
        return withApplication(database, models.toUri().toString(), check);
    }

    /**
     * Starts the application on the postgres profile, on a free port, and stops it again; without
     * the Camunda web applications, whose static registries a second copy in this JVM would clear
     * under the shared test application when it stops.
     */
    private static <T> T withApplication(String database, String modelLocation,
            Function<ProcessEngine, T> check) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CollaborativeWorkflowsApplication.class)
                .profiles("postgres")
                .run("--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestPostgres.USER,
                        "--spring.datasource.password=" + TestPostgres.PASSWORD,
                        "--camunda.bpm.admin-user.password=a-long-test-password",
                        "--camunda.bpm.process-engine-name=deploymenttests",
                        "--camunda.bpm.job-execution.enabled=false",
                        "--server.port=0",
                        "--camunda.bpm.webapp.enabled=false",
                        "--collaborative.models.location=" + modelLocation)) {
            return check.apply(context.getBean(ProcessEngine.class));
        }
    }

    private static Map<String, Integer> latestVersions(ProcessEngine engine) {
        Map<String, Integer> versions = new TreeMap<>();
        engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()
                .forEach(d -> versions.put(d.getKey(), d.getVersion()));
        engine.getRepositoryService().createDecisionDefinitionQuery().latestVersion().list()
                .forEach(d -> versions.put(d.getKey(), d.getVersion()));
        return versions;
    }

    private static long definitionCount(ProcessEngine engine) {
        return engine.getRepositoryService().createProcessDefinitionQuery().count()
                + engine.getRepositoryService().createDecisionDefinitionQuery().count();
    }

    /** The project's processes/ and forms/ folders, as the build copies them. */
    private static void copyProjectModels(Path target) throws IOException {
        for (String folder : List.of("processes", "forms")) {
            Path source = Path.of(folder);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = target.resolve(folder).resolve(source.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
        }
    }
}
