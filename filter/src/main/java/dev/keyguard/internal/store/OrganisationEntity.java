package dev.keyguard.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of {@code keyguard_organisation}: one per organisation that ever had a key. It exists to be
 * locked ({@code SELECT ... FOR UPDATE}) while the active keys are counted and a new one inserted.
 */
@Entity
@Table(name = "keyguard_organisation")
class OrganisationEntity {

    @Id
    @Column(name = "organisation_id")
    String organisationId;

    protected OrganisationEntity() {}
}
