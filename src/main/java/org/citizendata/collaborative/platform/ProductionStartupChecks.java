package org.citizendata.collaborative.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks the production settings before any bean touches the database, so that a missing or
 * default administrator password, or an unreachable database, stops the start with one line.
 */
@Component
@Profile("postgres")
class ProductionStartupChecks implements BeanFactoryPostProcessor, EnvironmentAware {

    /** Passwords that ship in documentation and demo set-ups, never acceptable in production. */
    private static final Set<String> DEFAULT_PASSWORDS = Set.of("admin", "demo", "camunda", "password", "changeme");

    static final int MINIMUM_PASSWORD_LENGTH = 12;

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        checkAdministrator();
        checkDatabase();
    }

    private void checkAdministrator() {
        String id = environment.getProperty("camunda.bpm.admin-user.id", "");
        String password = environment.getProperty("camunda.bpm.admin-user.password", "");
        if (id.isBlank()) {
            throw new StartupCheckException("ADMIN_ID is empty: set the administrator's user id.");
        }
        if (password.isBlank()) {
            throw new StartupCheckException("ADMIN_PASSWORD is not set: the postgres profile needs the "
                    + "administrator's password from the environment.");
        }
        if (DEFAULT_PASSWORDS.contains(password.toLowerCase()) || password.equalsIgnoreCase(id)) {
            throw new StartupCheckException("ADMIN_PASSWORD is a default password: choose another one.");
        }
        if (password.length() < MINIMUM_PASSWORD_LENGTH) {
            throw new StartupCheckException("ADMIN_PASSWORD is shorter than " + MINIMUM_PASSWORD_LENGTH
                    + " characters: choose a longer one.");
        }
    }

    private void checkDatabase() {
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.isBlank()) {
            throw new StartupCheckException("DB_URL is not set: the postgres profile needs the database's JDBC URL.");
        }
        DriverManager.setLoginTimeout(10);
        try (Connection ignored = DriverManager.getConnection(url,
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"))) {
            // reachable, and the credentials are accepted
        } catch (SQLException e) {
            throw new StartupCheckException("The database at " + url + " cannot be reached: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
