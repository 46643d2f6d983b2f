package dev.keyguard.admin.jersey;

import dev.keyguard.admin.people.DashboardContract;
import dev.keyguard.admin.people.PeopleHost.Container;

/** The dashboard servlet on Jetty (its API on Jersey). */
class JerseyOnJettyDashboardTest extends DashboardContract {

    @Override
    protected Container container() {
        return Container.JETTY;
    }
}
