package org.citizendata.collaborative.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application on an in-memory H2 database with the demo directory, the job executor off and
 * its own engine name (the REST API of the PostgreSQL tests looks up the engine "default"), so
 * that tests run jobs and move the clock by hand. One context serves every class that uses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:decision-process;DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=decisionprocesstests",
        "camunda.bpm.job-execution.enabled=false",
        "collaborative.membership.announcement-list=networks@citizendata.example, relay@partners.example"})
public @interface EngineOnH2Test {
}
