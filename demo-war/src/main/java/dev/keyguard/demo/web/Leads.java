package dev.keyguard.demo.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The legacy app's sales leads, per organisation: a few samples, and those added since the start
 * (kept in memory only, as a demo may). An organisation reaches only its own list. Thread-safe.
 */
final class Leads {

    record Lead(String id, String company, String contact, String stage) {}

    /** The most leads an organisation may add, so that a client in a loop cannot fill the heap. */
    static final int MAX_ADDED = 1000;

    private static final Map<String, List<Lead>> SAMPLES =
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

    private final Map<String, List<Lead>> added = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    /** The organisation's leads: the samples, then those added, oldest first. */
    List<Lead> of(String organisationId) {
        List<Lead> all = new ArrayList<>(SAMPLES.getOrDefault(organisationId, List.of()));
        all.addAll(added.getOrDefault(organisationId, List.of()));
        return all;
    }

    /**
     * Adds a new lead to the organisation's list.
     *
     * @return the lead, or {@code null} when the organisation has added {@value #MAX_ADDED}
     */
    Lead add(String organisationId, String company, String contact) {
        List<Lead> list =
                added.computeIfAbsent(organisationId, org -> new CopyOnWriteArrayList<>());
        synchronized (list) {
            if (list.size() >= MAX_ADDED) {
                return null;
            }
            Lead lead = new Lead("lead-n" + nextId.getAndIncrement(), company, contact, "new");
            list.add(lead);
            return lead;
        }
    }
}
