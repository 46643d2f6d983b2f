package dev.keyguard.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * keyguard-bom manages exactly the published Keyguard artifacts, at the project's version. A module
 * is published unless its packaging is pom or war, or it sets {@code maven.deploy.skip}: a new
 * module fails this test until it is in the BOM or says it is not published.
 */
class BomTest {

    private static final Path ROOT = Path.of(System.getProperty("keyguard.dist.root"));

    record Module(String artifactId, String packaging, boolean deploySkipped) {
        boolean published() {
            return !deploySkipped && !packaging.equals("pom") && !packaging.equals("war");
        }
    }

    @Test
    void theBomManagesEveryPublishedModuleAndNothingElse() throws Exception {
        List<String> published =
                modules(ROOT).stream().filter(Module::published).map(Module::artifactId).toList();
        Element bom = pom(ROOT.resolve("bom"));

        assertThat(published).contains("keyguard-filter", "keyguard-admin-resource");
        assertThat(managed(bom))
                .as("keyguard-bom's dependencyManagement: add a new published module there")
                .containsExactlyInAnyOrderElementsOf(
                        published.stream().map(id -> "dev.keyguard:" + id).toList());
    }

    @Test
    void theBomHasTheProjectsVersionAndNoParent() throws Exception {
        Element bom = pom(ROOT.resolve("bom"));

        assertThat(child(bom, "parent")).as("a parent's dependencyManagement leaks").isNull();
        assertThat(text(bom, "version")).isEqualTo(System.getProperty("keyguard.dist.version"));
        for (Element dependency : managedDependencies(bom)) {
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
        }
    }

    /** Every module under the aggregator in {@code dir}, nested aggregators included. */
    private static List<Module> modules(Path dir) throws Exception {
        List<Module> found = new ArrayList<>();
        Element modules = child(pom(dir), "modules");
        if (modules == null) {
            return found;
        }
        for (Element module : children(modules, "module")) {
            Path moduleDir = dir.resolve(module.getTextContent().strip());
            Element pom = pom(moduleDir);
            String packaging = text(pom, "packaging");
            found.add(
                    new Module(
                            text(pom, "artifactId"),
                            packaging == null ? "jar" : packaging,
                            "true".equals(property(moduleDir, "maven.deploy.skip"))));
            found.addAll(modules(moduleDir));
        }
        return found;
    }

    /**
     * A property of the module in {@code dir} as Maven sees it: its own, else its parent's, as long
     * as the parent is the pom of the folder above (the default relativePath).
     */
    private static String property(Path dir, String name) throws Exception {
        Element pom = pom(dir);
        Element properties = child(pom, "properties");
        String own = properties == null ? null : text(properties, name);
        if (own != null) {
            return own;
        }
        Element parent = child(pom, "parent");
        Path above = dir.getParent();
        if (parent == null
                || above == null
                || !Files.isRegularFile(above.resolve("pom.xml"))
                || !text(parent, "artifactId").equals(text(pom(above), "artifactId"))) {
            return null;
        }
        return property(above, name);
    }

    private static List<String> managed(Element bom) {
        return managedDependencies(bom).stream()
                .map(d -> text(d, "groupId") + ":" + text(d, "artifactId"))
                .toList();
    }

    private static List<Element> managedDependencies(Element bom) {
        Element management = child(bom, "dependencyManagement");
        return children(child(management, "dependencies"), "dependency");
    }

    private static Element pom(Path dir) throws Exception {
        Path file = dir.resolve("pom.xml");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no pom.xml in " + dir);
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        return document.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element found = child(parent, name);
        return found == null ? null : found.getTextContent().strip();
    }
}
