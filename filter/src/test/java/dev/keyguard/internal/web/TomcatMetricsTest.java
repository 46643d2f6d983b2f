package dev.keyguard.internal.web;

import jakarta.servlet.Filter;
import java.util.Map;

/** The meters after real traffic on Tomcat. */
class TomcatMetricsTest extends MetricsContract {

    @Override
    Deployment deploy(Filter filter, Map<String, String> initParams) throws Exception {
        return TomcatDeployment.start(filter, initParams);
    }
}
