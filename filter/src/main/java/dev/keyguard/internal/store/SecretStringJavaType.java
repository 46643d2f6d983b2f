package dev.keyguard.internal.store;

import org.hibernate.type.descriptor.java.StringJavaType;

/**
 * The Java type of the key hash column: a plain string to the database, {@code <secret>} to every
 * Hibernate log. Hibernate prints an entity's attributes when it flushes (DEBUG, {@code
 * org.hibernate.orm.core}) and bound parameters (TRACE); both go through {@link
 * #extractLoggableRepresentation}, so a hash never reaches a log from there. Public only because
 * Hibernate instantiates it.
 */
public final class SecretStringJavaType extends StringJavaType {

    private static final long serialVersionUID = 1L;
    static final String MASK = "<secret>";

    @Override
    public String extractLoggableRepresentation(String value) {
        return value == null ? "null" : MASK;
    }
}
