package dev.keyguard.admin.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.testing.MutableClock;

/**
 * What a contract written as an interface ({@link ScopedKeysContract}, {@link KeyRightsContract})
 * needs of the suite that runs it: {@link AdminApiContract} implements both, so that every runtime
 * runs them on its server, in its method order, and records their exchanges for the cross-runtime
 * comparison.
 */
public interface AdminApiSuite {

    /** The Admin API's path, relative to the server's base. */
    String PATH = "api/v1/api-keys";

    /** The client of the runtime under test, recording every exchange. */
    Api api();

    /** The clock of the Keyguard under test. */
    MutableClock clock();

    /** A new organisation with one unrestricted key minted without HTTP; returns that key. */
    String newOrganisation();

    /** Creates a key through the API a second after the last request; asserts 201. */
    JsonNode create(String key, String body);
}
