package org.citizendata.collaborative.testsupport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as production runs it (the {@code postgres} profile) on a real PostgreSQL and
 * a real SMTP server (GreenMail), with the demo directory so that tests can act as its users. One context serves every
 * subclass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "demo"})
public abstract class PostgresApplicationTest {

    public static final String ADMIN_ID = "admin";
    public static final String ADMIN_PASSWORD = "a-long-test-password";
    public static final String DEMO_PASSWORD = "demo";

    private static String databaseUrl;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresApplicationTest::databaseUrl);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        registry.add("camunda.bpm.admin-user.id", () -> ADMIN_ID);
        registry.add("camunda.bpm.admin-user.password", () -> ADMIN_PASSWORD);
        registry.add("spring.mail.host", () -> "none".equals(System.getProperty("benchmark.smtp")) ? "" : "127.0.0.1");
        // The benchmarks hand their mail to a sink that keeps none of it (SmtpSink); the tests read theirs from GreenMail.
        registry.add("spring.mail.port", () -> "sink".equals(System.getProperty("benchmark.smtp")) ? SmtpSink.port()
                : TestMail.port());
        // Short backoff, so that a mail server outage and its recovery fit in a test.
        registry.add("collaborative.mail.retry-cycle", () -> "PT1S,PT2S,PT3S,PT4S,PT5S");
    }

    private static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = TestPostgres.newDatabase("application");
        }
        return databaseUrl;
    }
}
