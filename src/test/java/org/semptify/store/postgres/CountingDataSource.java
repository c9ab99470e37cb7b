package org.semptify.store.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Counts the statements executed and the transactions committed through a data source. */
final class CountingDataSource {
  final AtomicInteger statements = new AtomicInteger();
  final AtomicInteger commits = new AtomicInteger();

  DataSource wrap(DataSource pool) {
    return proxy(
        DataSource.class,
        pool,
        (target, method, args) -> {
          Object result = invoke(method, target, args);
          return method.getName().equals("getConnection")
              ? connection((Connection) result)
              : result;
        });
  }

  private Connection connection(Connection real) {
    return proxy(
        Connection.class,
        real,
        (target, method, args) -> {
          if (method.getName().equals("commit")) {
            commits.incrementAndGet();
          }
          Object result = invoke(method, target, args);
          return method.getName().equals("prepareStatement")
              ? proxy(
                  PreparedStatement.class,
                  result,
                  (statement, m, a) -> {
                    if (m.getName().startsWith("execute")) {
                      statements.incrementAndGet();
                    }
                    return invoke(m, statement, a);
                  })
              : result;
        });
  }

  interface Handler {
    Object handle(Object target, Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, Object target, Handler handler) {
    InvocationHandler invocation = (p, method, args) -> handler.handle(target, method, args);
    return type.cast(
        Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
