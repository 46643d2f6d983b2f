package dev.keyguard.internal.web;

import jakarta.servlet.Filter;
import java.util.Map;

/** The meters after real traffic on Jetty 12 (ee10). */
class JettyMetricsTest extends MetricsContract {

    @Override
    Deployment deploy(Filter filter, Map<String, String> initParams) throws Exception {
        return JettyDeployment.start(filter, initParams);
    }
}
