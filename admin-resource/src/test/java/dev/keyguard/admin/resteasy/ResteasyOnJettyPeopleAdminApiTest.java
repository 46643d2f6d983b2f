package dev.keyguard.admin.resteasy;

import dev.keyguard.admin.people.PeopleAdminApiContract;
import dev.keyguard.admin.people.PeopleHost.Container;

/** People on the admin API, RESTEasy on Jetty. */
class ResteasyOnJettyPeopleAdminApiTest extends PeopleAdminApiContract {

    @Override
    protected Container container() {
        return Container.JETTY;
    }
}
