package org.citizendata.collaborative.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts the statements prepared through it (each a round trip to the
 * database, or a batch of them sent at once), for tests that hold code to a number of statements.
 */
public final class StatementCounter {

    private final DataSource counting;
    private final AtomicInteger prepared = new AtomicInteger();

    public StatementCounter(DataSource real) {
        counting = proxy(DataSource.class, real, (method, result) -> result instanceof Connection connection
                ? proxy(Connection.class, connection, (m, r) -> {
                    if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")
                            || m.getName().equals("prepareCall")) {
                        prepared.incrementAndGet();
                    }
                    return r;
                })
                : result);
    }

    public DataSource dataSource() {
        return counting;
    }

    public int prepared() {
        return prepared.get();
    }

    private interface AfterCall {
        Object apply(java.lang.reflect.Method method, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
