package dev.keyguard.reliability.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in every {@code *.md} file of the repository leads to a file that exists
 * inside the repository, and every {@code #anchor} into a Markdown file names one of its headings.
 * The repository must stand alone: a link such as {@code ../shared/spec/api-keys.md} fails even
 * where that file happens to exist on the machine.
 *
 * <p>The files are parsed with commonmark-java, so links are what CommonMark says they are: {@code
 * [text](target)}, {@code ![alt](target)} and reference definitions {@code [name]: target}, not
 * text in code blocks, code spans or HTML. {@code http://}, {@code https://} and {@code mailto:}
 * targets are not checked. Anchors follow GitHub's rules: the heading's text in lower case,
 * punctuation other than {@code -} and {@code _} dropped, each space a {@code -}; a repeated
 * heading gets {@code -1}, {@code -2}, ...; an HTML {@code id} or {@code name} is an anchor too.
 */
class MarkdownLinksTest {

    @Test
    void everyRelativeLinkInTheRepositoryResolvesInsideIt() throws IOException {
        Path root = repositoryRoot();
        LinkChecker checker = new LinkChecker(root);
        List<String> broken = checker.check();

        assertThat(checker.filesChecked())
                .as("Markdown files found under %s", root)
                .isGreaterThan(0);
        assertThat(broken)
                .withFailMessage(
                        "%d broken link(s) in the repository's *.md files:%n%s",
                        broken.size(), String.join(System.lineSeparator(), broken))
                .isEmpty();
    }

    // The checker itself, on a small repository of its own: it must find what it is there for.

    @Test
    void reportsEveryKindOfBrokenLinkWithFileAndLine(@TempDir Path dir) throws IOException {
        Path root = fakeRepository(dir);
        Files.writeString(
                root.resolve("README.md"),
                """
                # Title

                [ok](docs/a.md) and [ok too](docs/a.md#second-part) and ![img](docs/pic.png)
                [missing](docs/nope.md)
                [outside](../elsewhere/spec.md)
                [bad anchor](docs/a.md#no-such-part)
                [own anchor](#title) [bad own anchor](#nothing)
                [web](https://example.com/x) [mail](mailto:someone@example.com)
                [wrapped
                text](docs/gone.md)
                [used][ref] [built](filter/target/filter.jar) [through a link](docs/out/spec.md)
                [not a path](bad%00name.md)

                [ref]: docs/also-gone.md
                """);
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(
                root.resolve("docs/a.md"),
                """
                # A

                ## Second part

                [up](../README.md#title) [up, wrong](../README.md#titel)
                """);
        Files.write(root.resolve("docs/pic.png"), new byte[] {1});
        Files.createDirectories(root.resolve("filter/target"));
        Files.write(root.resolve("filter/target/filter.jar"), new byte[] {1});
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("elsewhere/spec.md"), "# Spec\n");
        Files.createSymbolicLink(root.resolve("docs/out"), dir.resolve("elsewhere"));

        List<String> broken = new LinkChecker(root).check();

        assertThat(broken)
                .containsExactly(
                        "README.md:4 -> docs/nope.md (no such file)",
                        "README.md:5 -> ../elsewhere/spec.md (leaves the repository)",
                        "README.md:6 -> docs/a.md#no-such-part (no heading for #no-such-part in"
                                + " docs/a.md)",
                        "README.md:7 -> #nothing (no heading for #nothing in README.md)",
                        "README.md:10 -> docs/gone.md (no such file)",
                        "README.md:11 -> filter/target/filter.jar (inside target/, which is not"
                                + " part of the repository)",
                        "README.md:11 -> docs/out/spec.md (leaves the repository through a"
                                + " symbolic link)",
                        "README.md:12 -> bad%00name.md (not a path)",
                        "README.md:14 -> docs/also-gone.md (no such file)",
                        "docs/a.md:5 -> ../README.md#titel (no heading for #titel in README.md)");
    }

    @Test
    void ignoresCodeHtmlAndSkippedFolders(@TempDir Path dir) throws IOException {
        Path root = fakeRepository(dir);
        Files.writeString(
                root.resolve("README.md"),
                """
                # Code

                ```sh
                echo "[not a link](missing.md)"
                ```

                ~~~
                [nor this](missing.md)
                ~~~

                Inline: `[code](missing.md)` and ``a ` [x](missing.md)`` stay code; a span
                can wrap: `one [y](missing.md)
                two` -- but [this](gone.md) is a link, as is [`code` text](README.md#code).

                    [indented code](missing.md)

                <!-- [a comment](missing.md) -->
                """);
        for (String skipped : List.of("target", ".git", "node_modules", "filter/target")) {
            Files.createDirectories(root.resolve(skipped));
            Files.writeString(root.resolve(skipped).resolve("x.md"), "[x](missing.md)\n");
        }

        assertThat(new LinkChecker(root).check())
                .containsExactly("README.md:13 -> gone.md (no such file)");
    }

    @Test
    void anchorsFollowGitHubRules(@TempDir Path dir) throws IOException {
        Path root = fakeRepository(dir);
        Files.writeString(
                root.resolve("README.md"),
                """
                # Why 5× the naive filter cannot be reached here
                ## Keyguard on the container's DataSource
                ### GET /api/v1/api-keys → 200
                ## `keyguard_api_key`, [linked](README.md) **bold**
                ## Notes ##
                ## Notes
                ## Notes
                Set&shy;ext <em>heading</em>
                ----------------------------
                <a id="custom-place"></a>
                ```
                # not a heading
                ```
                """);

        Set<String> anchors = new LinkChecker(root).anchors(root.resolve("README.md"));

        assertThat(anchors)
                .containsExactlyInAnyOrder(
                        "why-5-the-naive-filter-cannot-be-reached-here",
                        "keyguard-on-the-containers-datasource",
                        "get-apiv1api-keys--200",
                        "keyguard_api_key-linked-bold",
                        "notes",
                        "notes-1",
                        "notes-2",
                        "setext-heading",
                        "custom-place");
    }

    private static Path fakeRepository(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("filter"));
        return root;
    }

    /**
     * The nearest folder, from the working directory up, that holds {@code pom.xml} and {@code
     * filter/}.
     */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("filter"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No folder with pom.xml and filter/ at or above " + start);
    }

    /** Finds the Markdown files under a root and the relative links in them that do not resolve. */
    static final class LinkChecker {

        private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git", "node_modules");
        private static final Pattern HTML_ID =
                Pattern.compile("<[A-Za-z][^>]*?\\s(?:id|name)\\s*=\\s*[\"']([^\"']+)[\"']");
        private static final Pattern SKIPPED_TARGET =
                Pattern.compile("^(?:https?://|mailto:)", Pattern.CASE_INSENSITIVE);
        private static final Parser PARSER =
                Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

        private final Path root;
        private final Map<Path, Parsed> parsedFiles = new HashMap<>();
        private int filesChecked;

        LinkChecker(Path root) throws IOException {
            this.root = root.toRealPath();
        }

        int filesChecked() {
            return filesChecked;
        }

        /** Every broken link as {@code file:line -> target (reason)}, in file and line order. */
        List<String> check() throws IOException {
            List<String> broken = new ArrayList<>();
            for (Path file : markdownFiles()) {
                filesChecked++;
                for (Target link : parsed(file).links()) {
                    String reason = problem(file, link.target());
                    if (reason != null) {
                        broken.add(
                                "%s:%d -> %s (%s)"
                                        .formatted(
                                                relative(file),
                                                link.line(),
                                                link.target(),
                                                reason));
                    }
                }
            }
            return broken;
        }

        private List<Path> markdownFiles() throws IOException {
            List<Path> files = new ArrayList<>();
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path dir, BasicFileAttributes attributes) {
                            return !dir.equals(root)
                                            && SKIPPED_FOLDERS.contains(
                                                    dir.getFileName().toString())
                                    ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(
                                Path file, BasicFileAttributes attributes) {
                            if (attributes.isRegularFile() && isMarkdown(file)) {
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
            files.sort(null);
            return files;
        }

        /** Why a link from {@code file} to {@code target} is broken, or null if it is not. */
        private String problem(Path file, String target) throws IOException {
            if (SKIPPED_TARGET.matcher(target).find()) {
                return null;
            }
            int hash = target.indexOf('#');
            String pathPart = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : decode(target.substring(hash + 1));
            int query = pathPart.indexOf('?');
            if (query >= 0) {
                pathPart = pathPart.substring(0, query);
            }
            Path resolved;
            if (pathPart.isEmpty()) {
                resolved = file;
            } else {
                String path = decode(pathPart);
                try {
                    // A leading / means the repository's root, as on GitHub.
                    resolved =
                            (path.startsWith("/")
                                            ? root.resolve(path.substring(1))
                                            : file.getParent().resolve(path))
                                    .normalize();
                } catch (InvalidPathException e) {
                    return "not a path";
                }
                if (!resolved.startsWith(root)) {
                    return "leaves the repository";
                }
                if (!Files.exists(resolved)) {
                    return "no such file";
                }
                if (!resolved.toRealPath().startsWith(root)) {
                    return "leaves the repository through a symbolic link";
                }
                for (Path part : root.relativize(resolved)) {
                    if (SKIPPED_FOLDERS.contains(part.toString())) {
                        return "inside " + part + "/, which is not part of the repository";
                    }
                }
            }
            if (anchor != null
                    && !anchor.isEmpty()
                    && Files.isRegularFile(resolved)
                    && isMarkdown(resolved)
                    && !anchors(resolved).contains(anchor)) {
                return "no heading for #" + anchor + " in " + relative(resolved);
            }
            return null;
        }

        /** The anchors a Markdown file offers: its headings' slugs and explicit HTML ids. */
        Set<String> anchors(Path file) throws IOException {
            return parsed(file).anchors();
        }

        private Parsed parsed(Path file) throws IOException {
            Path key = file.toRealPath();
            Parsed known = parsedFiles.get(key);
            if (known == null) {
                known = parse(Files.readString(key, UTF_8));
                parsedFiles.put(key, known);
            }
            return known;
        }

        /**
         * The link targets of a Markdown text, with the line each is on, and its anchors. Links are
         * inline links and images, and reference definitions; a link that uses a definition ({@code
         * [text][name]}, {@code [name]}) is left to the definition, so that a broken target is
         * reported once.
         */
        static Parsed parse(String markdown) {
            Parsed parsed = new Parsed(new ArrayList<>(), new HashSet<>());
            Map<String, Integer> headings = new HashMap<>();
            PARSER.parse(markdown)
                    .accept(
                            new AbstractVisitor() {
                                private StringBuilder headingText;

                                @Override
                                public void visit(Link link) {
                                    addLink(link, link.getDestination());
                                    visitChildren(link);
                                }

                                @Override
                                public void visit(Image image) {
                                    addLink(image, image.getDestination());
                                    visitChildren(image);
                                }

                                @Override
                                public void visit(LinkReferenceDefinition definition) {
                                    addLink(definition, definition.getDestination());
                                }

                                @Override
                                public void visit(Heading heading) {
                                    headingText = new StringBuilder();
                                    visitChildren(heading);
                                    String slug = slug(headingText.toString());
                                    headingText = null;
                                    int count = headings.merge(slug, 1, Integer::sum);
                                    parsed.anchors()
                                            .add(count == 1 ? slug : slug + "-" + (count - 1));
                                }

                                // A heading's text as GitHub sees it: text and code, no markup.
                                @Override
                                public void visit(Text text) {
                                    if (headingText != null) {
                                        headingText.append(text.getLiteral());
                                    }
                                }

                                @Override
                                public void visit(Code code) {
                                    if (headingText != null) {
                                        headingText.append(code.getLiteral());
                                    }
                                }

                                @Override
                                public void visit(HtmlBlock html) {
                                    addIds(html.getLiteral());
                                }

                                @Override
                                public void visit(HtmlInline html) {
                                    addIds(html.getLiteral());
                                }

                                private void addIds(String html) {
                                    Matcher id = HTML_ID.matcher(html);
                                    while (id.find()) {
                                        parsed.anchors().add(id.group(1));
                                    }
                                }

                                private void addLink(Node node, String target) {
                                    List<SourceSpan> spans = node.getSourceSpans();
                                    SourceSpan last = spans.get(spans.size() - 1);
                                    int end = last.getInputIndex() + last.getLength();
                                    if (node instanceof LinkReferenceDefinition
                                            || markdown.charAt(end - 1) == ')') {
                                        parsed.links()
                                                .add(new Target(lineOf(spans, target), target));
                                    }
                                }

                                /** The node's last line that holds the target, else its first. */
                                private int lineOf(List<SourceSpan> spans, String target) {
                                    for (int i = spans.size() - 1; i >= 0; i--) {
                                        SourceSpan span = spans.get(i);
                                        int start = span.getInputIndex();
                                        if (markdown.substring(start, start + span.getLength())
                                                .contains(target)) {
                                            return span.getLineIndex() + 1;
                                        }
                                    }
                                    return spans.get(0).getLineIndex() + 1;
                                }
                            });
            return parsed;
        }

        /**
         * GitHub's anchor for a heading's text: lower case, without what is neither a letter, a
         * mark, a digit, {@code _}-like, {@code -} nor a space; each space a {@code -}.
         */
        static String slug(String heading) {
            return heading.toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{M}\\p{Nd}\\p{Pc}\\- ]", "")
                    .replace(' ', '-');
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s.replace("+", "%2B"), UTF_8);
            } catch (IllegalArgumentException e) {
                return s;
            }
        }

        private static boolean isMarkdown(Path file) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
        }

        private String relative(Path file) {
            return root.relativize(file).toString().replace('\\', '/');
        }
    }

    /** A link target and the line (from 1) it is on. */
    record Target(int line, String target) {}

    /** A Markdown file's link targets, in the order they appear, and the anchors it offers. */
    record Parsed(List<Target> links, Set<String> anchors) {}
}
