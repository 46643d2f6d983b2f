package dev.keyguard.admin.jersey;

import dev.keyguard.admin.people.PeopleAdminApiContract;
import dev.keyguard.admin.people.PeopleHost.Container;

/** People on the admin API, Jersey on Tomcat. */
class JerseyOnTomcatPeopleAdminApiTest extends PeopleAdminApiContract {

    @Override
    protected Container container() {
        return Container.TOMCAT;
    }
}
