package dev.keyguard.admin.resteasy;

import dev.keyguard.admin.people.PeopleAdminApiContract;
import dev.keyguard.admin.people.PeopleHost.Container;

/** People on the admin API, RESTEasy on Tomcat. */
class ResteasyOnTomcatPeopleAdminApiTest extends PeopleAdminApiContract {

    @Override
    protected Container container() {
        return Container.TOMCAT;
    }
}
