package dev.keyguard.demo.web;

import java.util.List;
import java.util.Map;

/** The legacy app's sample data: a few sales leads per organisation. */
final class Leads {

    record Lead(String id, String company, String contact, String stage) {}

    private static final Map<String, List<Lead>> BY_ORGANISATION =
            Map.of(
                    "acme",
                            List.of(
                                    new Lead("lead-a1", "Initech", "Peter Gibbons", "qualified"),
                                    new Lead(
                                            "lead-a2",
                                            "Umbrella Corp",
                                            "Alice Abernathy",
                                            "proposal"),
                                    new Lead("lead-a3", "Stark Industries", "Pepper Potts", "won")),
                    "globex",
                            List.of(
                                    new Lead("lead-g1", "Soylent", "Sol Roth", "new"),
                                    new Lead(
                                            "lead-g2",
                                            "Tyrell Corp",
                                            "Rachael Rosen",
                                            "negotiation")));

    private Leads() {}

    static List<Lead> of(String organisationId) {
        return BY_ORGANISATION.getOrDefault(organisationId, List.of());
    }
}
