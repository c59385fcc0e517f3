package org.consilium.infrastructure.audit;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** For the benchmarks, outside the server: a data source handing out one connection whose close() is a no-op (JTA's sharing, by hand). */
final class SharedConnection {

    private SharedConnection() {
    }

    static DataSource dataSource(Connection connection) {
        InvocationHandler keepOpen = (proxy, method, arguments) ->
                method.getName().equals("close") ? null : method.invoke(connection, arguments);
        Connection handle = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, keepOpen);
        InvocationHandler source = (proxy, method, arguments) -> switch (method.getName()) {
            case "getConnection" -> handle;
            case "getLogWriter" -> new PrintWriter(System.err);
            case "getParentLogger" -> Logger.getGlobal();
            case "isWrapperFor" -> false;
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, source);
    }
}
