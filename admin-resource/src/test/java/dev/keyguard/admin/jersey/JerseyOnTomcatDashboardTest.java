package dev.keyguard.admin.jersey;

import dev.keyguard.admin.people.DashboardContract;
import dev.keyguard.admin.people.PeopleHost.Container;

/** The dashboard servlet on Tomcat (its API on Jersey). */
class JerseyOnTomcatDashboardTest extends DashboardContract {

    @Override
    protected Container container() {
        return Container.TOMCAT;
    }
}
