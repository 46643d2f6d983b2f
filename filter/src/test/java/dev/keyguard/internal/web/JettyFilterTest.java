package dev.keyguard.internal.web;

import jakarta.servlet.Filter;
import java.util.Map;

/** The filter contract on Jetty 12 (ee10). */
class JettyFilterTest extends FilterContract {

    @Override
    Deployment deploy(Filter filter, Map<String, String> initParams) throws Exception {
        return JettyDeployment.start(filter, initParams);
    }
}
