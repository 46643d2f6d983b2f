package dev.keyguard.internal.store;

import java.util.regex.Pattern;

/** JDBC URLs as logs, messages and {@code toString} may show them: without credentials. */
public final class JdbcUrls {

    /** {@code //user:password@host}: everything up to the authority's last {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/?;]*@");

    /** Oracle's {@code thin:user/password@host}. */
    private static final Pattern THIN_USER = Pattern.compile("(?i)(:thin:)[^@]*@");

    /**
     * A parameter whose name ends in {@code password}, {@code pwd}, {@code user} or {@code
     * username} (PostgreSQL's {@code ?password=} and {@code sslpassword=}, MariaDB's {@code
     * trustStorePassword=}, SQL Server's {@code ;password=}, H2's {@code ;PASSWORD=}), up to the
     * next separator, braces included.
     */
    private static final Pattern CREDENTIAL_PARAMETER =
            Pattern.compile(
                    "(?i)([?&;:][^&#;=?]*(?:password|pwd|user|username)=)(\\{[^}]*}|[^&#;]*)");

    private JdbcUrls() {}

    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        String shown = USER_INFO.matcher(url).replaceFirst("//<redacted>@");
        shown = THIN_USER.matcher(shown).replaceFirst("$1<redacted>@");
        return CREDENTIAL_PARAMETER.matcher(shown).replaceAll("$1<redacted>");
    }
}
