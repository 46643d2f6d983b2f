package dev.keyguard.internal.web;

import jakarta.servlet.Filter;
import java.util.Map;

/** The filter contract on embedded Tomcat 11. */
class TomcatFilterTest extends FilterContract {

    @Override
    Deployment deploy(Filter filter, Map<String, String> initParams) throws Exception {
        return TomcatDeployment.start(filter, initParams);
    }
}
