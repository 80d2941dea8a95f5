package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citizendata.collaborative.CollaborativeWorkflowsApplication;
import org.citizendata.collaborative.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The postgres profile refuses to start on a missing or default password or an unreachable database. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartupChecksTest {

    @Test
    void noAdministratorPasswordStopsTheStartWithOneClearLine(CapturedOutput output) {
        assertStartFails(output, "ADMIN_PASSWORD is not set: the postgres profile needs the administrator's "
                + "password from the environment.", "--spring.datasource.url=" + TestPostgres.newDatabase("checks"));
    }

    @Test
    void aDefaultAdministratorPasswordStopsTheStart(CapturedOutput output) {
        assertStartFails(output, "ADMIN_PASSWORD is a default password: choose another one.",
                "--spring.datasource.url=" + TestPostgres.newDatabase("checks"),
                "--camunda.bpm.admin-user.password=admin");
    }

    @Test
    void anUnreachableDatabaseStopsTheStartWithOneClearLine(CapturedOutput output) {
        assertStartFails(output, "The database at jdbc:postgresql://127.0.0.1:1/nothing cannot be reached: ",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nothing",
                "--camunda.bpm.admin-user.password=a-long-test-password");
    }

    /** Starts the application as its launcher would, with the settings as command-line arguments. */
    private static void assertStartFails(CapturedOutput output, String line, String... arguments) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(CollaborativeWorkflowsApplication.class)
                .profiles("postgres")
                .properties("spring.datasource.username=" + TestPostgres.USER,
                        "spring.datasource.password=" + TestPostgres.PASSWORD,
                        "camunda.bpm.process-engine-name=startupchecks",
                        "server.port=0");
        assertThatThrownBy(() -> application.run(arguments)).isInstanceOf(StartupCheckException.class);
        assertThat(output.getAll()).contains(line);
        // One clear line: the reason, without a stack trace. (Only the check's own frames: the output is
        // the whole JVM's, and other tests' applications may log their own traces meanwhile.)
        assertThat(output.getAll()).doesNotContain("at org.citizendata.collaborative.platform.ProductionStartupChecks");
    }
}
