package dev.keyguard.internal.web;

import jakarta.servlet.Filter;
import java.util.Map;

/** Restricted keys at the filter, on embedded Tomcat 11. */
class TomcatRestrictedKeysTest extends RestrictedKeysContract {

    @Override
    Deployment deploy(Filter filter, Map<String, String> initParams) throws Exception {
        return TomcatDeployment.start(filter, initParams);
    }
}
