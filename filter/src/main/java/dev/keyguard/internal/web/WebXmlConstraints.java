package dev.keyguard.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code <security-constraint>}s of the web app's {@code WEB-INF/web.xml}, read with the JDK's
 * parser, to tell which roles a request needs. Keyguard uses them only to name, in a 403 {@code
 * insufficient_scope}, the scope the container's constraint asked for: the container enforces its
 * constraints itself, and a mistake here can only change the wording of a refusal.
 *
 * <p>Matching follows the Servlet specification (section 13.8) the way Tomcat implements it: the
 * constraints whose pattern matches exactly, else those of the longest matching path prefix, else
 * of the extension, else of {@code /}, each for the request's method ({@code http-method} and
 * {@code http-method-omission}); their auth-constraints combine. Not read: constraints of {@code
 * web-fragment.xml}, {@code @ServletSecurity} or {@code ServletRegistration.setServletSecurity}.
 * Immutable.
 */
final class WebXmlConstraints {

    /** A web app without constraints (or without a {@code web.xml}). */
    static final WebXmlConstraints NONE = new WebXmlConstraints(List.of(), Set.of(), null);

    /** What the constraints that match a request ask of its caller. */
    enum Kind {
        /** No constraint, or one without an auth-constraint: anyone. */
        NONE,
        /** An empty auth-constraint: nobody. */
        NOBODY,
        /** {@code **}: any authenticated caller. */
        AUTHENTICATED,
        /** Any one of {@link Requirement#roles()}. */
        ROLES
    }

    /**
     * @param roles for {@link Kind#ROLES}, the roles of which one suffices; otherwise empty
     */
    record Requirement(Kind kind, Set<String> roles) {
        static final Requirement ANYONE = new Requirement(Kind.NONE, Set.of());
    }

    private record Collection(List<String> patterns, Set<String> methods, Set<String> omissions) {
        boolean appliesTo(String method) {
            return methods.isEmpty() ? !omissions.contains(method) : methods.contains(method);
        }
    }

    /**
     * @param roles {@code null} without an auth-constraint; empty for one that lets nobody in
     */
    private record Constraint(List<Collection> collections, List<String> roles) {}

    private final List<Constraint> constraints;
    private final Set<String> securityRoles;
    private final String forbiddenPage;

    private WebXmlConstraints(
            List<Constraint> constraints, Set<String> securityRoles, String forbiddenPage) {
        this.constraints = constraints;
        this.securityRoles = securityRoles;
        this.forbiddenPage = forbiddenPage;
    }

    /**
     * @throws IOException when {@code web.xml} cannot be read or parsed
     */
    static WebXmlConstraints read(InputStream webXml) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // An old web.xml names its DTD: never fetch it, nor anything else it points at.
            factory.setFeature(
                    "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            document = factory.newDocumentBuilder().parse(webXml);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("WEB-INF/web.xml does not parse: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        List<Constraint> constraints = new ArrayList<>();
        for (Element constraint : children(root, "security-constraint")) {
            List<Collection> collections = new ArrayList<>();
            for (Element collection : children(constraint, "web-resource-collection")) {
                collections.add(
                        new Collection(
                                texts(collection, "url-pattern"),
                                Set.copyOf(texts(collection, "http-method")),
                                Set.copyOf(texts(collection, "http-method-omission"))));
            }
            List<Element> auth = children(constraint, "auth-constraint");
            List<String> roles = null;
            if (!auth.isEmpty()) {
                roles = new ArrayList<>();
                for (Element one : auth) {
                    roles.addAll(texts(one, "role-name"));
                }
            }
            constraints.add(new Constraint(List.copyOf(collections), roles));
        }
        Set<String> securityRoles = new LinkedHashSet<>();
        for (Element role : children(root, "security-role")) {
            securityRoles.addAll(texts(role, "role-name"));
        }
        String forbiddenPage = null;
        for (Element page : children(root, "error-page")) {
            if (texts(page, "error-code").contains("403")) {
                List<String> location = texts(page, "location");
                forbiddenPage = location.isEmpty() ? null : location.get(0);
            }
        }
        return new WebXmlConstraints(
                List.copyOf(constraints), Set.copyOf(securityRoles), forbiddenPage);
    }

    /** The {@code <location>} of the {@code <error-page>} for 403, or {@code null}. */
    String forbiddenPage() {
        return forbiddenPage;
    }

    boolean isEmpty() {
        return constraints.isEmpty();
    }

    /**
     * @param method the request's method
     * @param path the path in the context as the container decoded and normalised it
     */
    Requirement required(String method, String path) {
        if (constraints.isEmpty()) {
            return Requirement.ANYONE;
        }
        String uri = path.isEmpty() ? "/" : path;
        List<Constraint> matched = exact(method, uri);
        if (matched == null) {
            matched = longestPrefix(method, uri);
        }
        if (matched == null) {
            matched = extension(method, uri);
        }
        if (matched == null) {
            matched = select(method, "/"::equals);
        }
        return combine(matched);
    }

    /** {@code null} when no pattern matches exactly: the next kind of pattern decides. */
    private List<Constraint> exact(String method, String uri) {
        boolean found = false;
        for (Constraint constraint : constraints) {
            for (Collection collection : constraint.collections()) {
                for (String pattern : collection.patterns()) {
                    found |= uri.equals(pattern) || pattern.isEmpty() && uri.equals("/");
                }
            }
        }
        return found
                ? select(
                        method,
                        pattern -> uri.equals(pattern) || pattern.isEmpty() && uri.equals("/"))
                : null;
    }

    private List<Constraint> longestPrefix(String method, String uri) {
        int longest = -1;
        for (Constraint constraint : constraints) {
            for (Collection collection : constraint.collections()) {
                for (String pattern : collection.patterns()) {
                    if (isPrefixOf(pattern, uri)) {
                        longest = Math.max(longest, pattern.length());
                    }
                }
            }
        }
        if (longest < 0) {
            return null;
        }
        int length = longest;
        List<Constraint> matched =
                select(method, pattern -> pattern.length() == length && isPrefixOf(pattern, uri));
        return matched.isEmpty() ? null : matched;
    }

    private List<Constraint> extension(String method, String uri) {
        int slash = uri.lastIndexOf('/');
        int dot = uri.lastIndexOf('.');
        if (slash < 0 || dot <= slash || dot == uri.length() - 1) {
            return null;
        }
        String extension = "*" + uri.substring(dot);
        boolean found = false;
        for (Constraint constraint : constraints) {
            for (Collection collection : constraint.collections()) {
                found |= collection.patterns().contains(extension);
            }
        }
        return found ? select(method, extension::equals) : null;
    }

    private static boolean isPrefixOf(String pattern, String uri) {
        if (!pattern.startsWith("/") || !pattern.endsWith("/*")) {
            return false;
        }
        String folder = pattern.substring(0, pattern.length() - 2);
        return folder.isEmpty()
                || uri.equals(folder)
                || uri.startsWith(folder) && uri.charAt(folder.length()) == '/';
    }

    private List<Constraint> select(String method, java.util.function.Predicate<String> pattern) {
        List<Constraint> selected = new ArrayList<>();
        for (Constraint constraint : constraints) {
            for (Collection collection : constraint.collections()) {
                if (collection.appliesTo(method)
                        && collection.patterns().stream().anyMatch(pattern)) {
                    selected.add(constraint);
                    break;
                }
            }
        }
        return selected;
    }

    /** As Tomcat's realm: nobody wins, then anyone, then any authenticated, then the roles. */
    private Requirement combine(List<Constraint> matched) {
        if (matched.isEmpty()) {
            return Requirement.ANYONE;
        }
        boolean anyone = false;
        boolean authenticated = false;
        Set<String> roles = new LinkedHashSet<>();
        for (Constraint constraint : matched) {
            List<String> names = constraint.roles();
            if (names == null) {
                anyone = true;
            } else if (names.isEmpty()) {
                return new Requirement(Kind.NOBODY, Set.of());
            } else {
                for (String name : names) {
                    if (name.equals("**") && !securityRoles.contains("**")) {
                        authenticated = true;
                    } else if (name.equals("*")) {
                        roles.addAll(securityRoles);
                    } else {
                        roles.add(name);
                    }
                }
            }
        }
        if (anyone) {
            return Requirement.ANYONE;
        }
        if (authenticated) {
            return new Requirement(Kind.AUTHENTICATED, Set.of());
        }
        return new Requirement(Kind.ROLES, Set.copyOf(roles));
    }

    /** The child elements of {@code parent} with this local name. */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && name.equals(localName(element))) {
                found.add(element);
            }
        }
        return found;
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream()
                .map(e -> e.getTextContent().strip())
                .filter(text -> !text.isEmpty() || name.equals("url-pattern"))
                .toList();
    }
}
