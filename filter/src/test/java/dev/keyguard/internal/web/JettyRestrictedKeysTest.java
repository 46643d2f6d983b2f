package dev.keyguard.internal.web;

import jakarta.servlet.Filter;
import java.util.Map;

/** Restricted keys at the filter, on Jetty 12 (ee10). */
class JettyRestrictedKeysTest extends RestrictedKeysContract {

    @Override
    Deployment deploy(Filter filter, Map<String, String> initParams) throws Exception {
        return JettyDeployment.start(filter, initParams);
    }
}
