package dev.keyguard.internal.store;

import dev.keyguard.IpAllowlist;
import dev.keyguard.Scopes;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key's scopes and allowed addresses as columns: names or blocks separated by single spaces,
 * {@code NULL} for unrestricted or anywhere, so the keys that were there before restricted keys
 * stay unrestricted. A column a person edited by hand is read strictly and fails closed: a block
 * that does not parse allows no address, a name that is not a scope name grants nothing.
 */
final class StoredRights {

    private static final Logger LOG = LoggerFactory.getLogger(StoredRights.class);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private StoredRights() {}

    static String scopesColumn(Scopes scopes) {
        return scopes.isUnrestricted() ? null : String.join(" ", scopes.names());
    }

    static String allowedIpsColumn(IpAllowlist allowedIps) {
        return allowedIps.isAnywhere() ? null : String.join(" ", allowedIps.blocks());
    }

    static Scopes scopes(String keyId, String column) {
        if (column == null) {
            return Scopes.unrestricted();
        }
        List<String> names = words(column);
        List<String> valid = names.stream().filter(Scopes::isScopeName).toList();
        if (valid.size() > Scopes.MAX_SCOPES) {
            LOG.warn(
                    "Keyguard: key {} has more than {} scopes in the database; it has none until"
                            + " they are fixed",
                    keyId,
                    Scopes.MAX_SCOPES);
            return Scopes.of(List.of());
        }
        if (valid.size() != names.size()) {
            LOG.warn(
                    "Keyguard: key {} has scopes in the database that are not scope names; they"
                            + " grant nothing",
                    keyId);
        }
        return Scopes.of(valid);
    }

    static IpAllowlist allowedIps(String keyId, String column) {
        if (column == null) {
            return IpAllowlist.anywhere();
        }
        try {
            return IpAllowlist.of(words(column));
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "Keyguard: key {} has allowed addresses in the database that do not parse ({});"
                            + " it is refused from every address until they are fixed",
                    keyId,
                    e.getMessage());
            return IpAllowlist.nowhere();
        }
    }

    private static List<String> words(String column) {
        return SEPARATORS.splitAsStream(column.strip()).filter(w -> !w.isEmpty()).toList();
    }
}
