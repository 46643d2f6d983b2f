package dev.keyguard;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A FilterConfig whose context knows only context-params and attributes. */
final class TestFilterConfig implements FilterConfig {

    private final Map<String, String> initParams;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final ServletContext context;

    TestFilterConfig(Map<String, String> initParams, Map<String, String> contextParams) {
        this.initParams = initParams;
        this.context =
                (ServletContext)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {ServletContext.class},
                                (proxy, method, args) -> {
                                    switch (method.getName()) {
                                        case "getInitParameter":
                                            return contextParams.get((String) args[0]);
                                        case "getAttribute":
                                            return attributes.get((String) args[0]);
                                        case "setAttribute":
                                            attributes.put((String) args[0], args[1]);
                                            return null;
                                        case "removeAttribute":
                                            attributes.remove((String) args[0]);
                                            return null;
                                        default:
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                    }
                                });
    }

    @Override
    public String getFilterName() {
        return "keyguard";
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public String getInitParameter(String name) {
        return initParams.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(initParams.keySet());
    }
}
