package dev.keyguard;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/** A FilterConfig with init-params and a context that answers only context-params. */
final class TestFilterConfig implements FilterConfig {

    private final Map<String, String> initParams;
    private final ServletContext context;

    TestFilterConfig(Map<String, String> initParams, Map<String, String> contextParams) {
        this.initParams = initParams;
        this.context = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getInitParameter")) {
                        return contextParams.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
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
