package org.citizendata.collaborative.platform;

/**
 * The order in which the application sets itself up once it is ready: models first, then the
 * directory's groups, the security baseline, and the demo data that uses them all.
 */
public final class StartupOrder {

    public static final int DEPLOY_MODELS = 100;
    public static final int DIRECTORY = 200;
    public static final int SECURITY_BASELINE = 300;
    public static final int DEMO_DATA = 400;

    private StartupOrder() {
    }
}
