package dev.keyguard.admin.jersey;

import dev.keyguard.admin.people.ContainerLoginContract;
import dev.keyguard.admin.people.PeopleHost.Container;

/** People from the container login of Jetty. */
class JerseyOnJettyContainerLoginTest extends ContainerLoginContract {

    @Override
    protected Container container() {
        return Container.JETTY;
    }
}
