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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in every {@code *.md} file of the repository leads to a file that exists
 * inside the repository, and every {@code #anchor} into a Markdown file names one of its headings.
 * The repository must stand alone: a link such as {@code ../shared/spec/api-keys.md} fails even
 * where that file happens to exist on the machine.
 *
 * <p>Links are {@code [text](target)}, {@code ![alt](target)} and reference definitions {@code
 * [name]: target}; those inside fenced code blocks and inline code spans are not links. {@code
 * http://}, {@code https://} and {@code mailto:} targets are not checked. Anchors follow GitHub's
 * rules: the heading's text in lower case, punctuation other than {@code -} and {@code _} dropped,
 * each space a {@code -}; a repeated heading gets {@code -1}, {@code -2}, ...
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
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("elsewhere/spec.md"), "# Spec\n");

        List<String> broken = new LinkChecker(root).check();

        assertThat(broken)
                .containsExactly(
                        "README.md:4 -> docs/nope.md (no such file)",
                        "README.md:5 -> ../elsewhere/spec.md (leaves the repository)",
                        "README.md:6 -> docs/a.md#no-such-part (no heading for #no-such-part in"
                                + " docs/a.md)",
                        "README.md:7 -> #nothing (no heading for #nothing in README.md)",
                        "README.md:10 -> docs/gone.md (no such file)",
                        "README.md:12 -> docs/also-gone.md (no such file)",
                        "docs/a.md:5 -> ../README.md#titel (no heading for #titel in README.md)");
    }

    @Test
    void ignoresCodeAndSkippedFolders(@TempDir Path dir) throws IOException {
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

        private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})(.*)$");
        private static final Pattern ATX_HEADING =
                Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*$");
        private static final Pattern CLOSING_HASHES = Pattern.compile("(?:^|[ \\t]+)#+$");
        private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
        private static final Pattern HTML_ID =
                Pattern.compile("<[A-Za-z][^>]*?\\s(?:id|name)\\s*=\\s*[\"']([^\"']+)[\"']");

        /** [text](target "title") or ![alt](target); one level of brackets inside the text. */
        private static final Pattern INLINE_LINK =
                Pattern.compile(
                        "!?\\[(?:[^\\[\\]\\\\]|\\\\.|\\[(?:[^\\[\\]\\\\]|\\\\.)*\\])*\\]\\(\\s*(<[^<>\\n"
                            + "]*>|(?:[^\\s()\\\\]|\\\\.|\\((?:[^\\s()\\\\]|\\\\.)*\\))*)"
                            + "(?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^()]*\\)))?\\s*\\)");

        private static final Pattern REFERENCE_DEFINITION =
                Pattern.compile(
                        "^ {0,3}\\[[^\\]]+\\]:[ \\t]*(<[^<>\\n]*>|\\S+)", Pattern.MULTILINE);
        private static final Pattern SKIPPED_TARGET =
                Pattern.compile("^(?:https?://|mailto:)", Pattern.CASE_INSENSITIVE);

        private final Path root;
        private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();
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
                for (Link link : links(Files.readString(file, UTF_8))) {
                    String reason = problem(file, link.target());
                    if (reason != null) {
                        broken.add(
                                relative(file)
                                        + ":"
                                        + link.line()
                                        + " -> "
                                        + link.target()
                                        + " ("
                                        + reason
                                        + ")");
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
            String bare =
                    target.startsWith("<") && target.endsWith(">")
                            ? target.substring(1, target.length() - 1)
                            : target;
            if (SKIPPED_TARGET.matcher(bare).find()) {
                return null;
            }
            int hash = bare.indexOf('#');
            String pathPart = hash < 0 ? bare : bare.substring(0, hash);
            String anchor = hash < 0 ? null : decode(bare.substring(hash + 1));
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
            Path key = file.toRealPath();
            Set<String> known = anchorsByFile.get(key);
            if (known == null) {
                known = readAnchors(Files.readString(key, UTF_8));
                anchorsByFile.put(key, known);
            }
            return known;
        }

        private static Set<String> readAnchors(String text) {
            Set<String> anchors = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            String[] lines = text.split("\\R", -1);
            Fence fence = null;
            String previous = "";
            for (String line : lines) {
                if (fence != null) {
                    if (fence.closedBy(line)) {
                        fence = null;
                    }
                    previous = "";
                    continue;
                }
                fence = Fence.openedBy(line);
                if (fence != null) {
                    previous = "";
                    continue;
                }
                String heading = null;
                Matcher atx = ATX_HEADING.matcher(line);
                if (atx.matches()) {
                    heading =
                            atx.group(2) == null
                                    ? ""
                                    : CLOSING_HASHES.matcher(atx.group(2)).replaceFirst("");
                } else if (SETEXT_UNDERLINE.matcher(line).matches() && isParagraphLine(previous)) {
                    heading = previous.strip();
                }
                if (heading != null) {
                    String slug = slug(heading);
                    int count = seen.merge(slug, 1, Integer::sum);
                    anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
                }
                Matcher id = HTML_ID.matcher(line);
                while (id.find()) {
                    anchors.add(id.group(1));
                }
                previous = heading != null ? "" : line;
            }
            return anchors;
        }

        private static boolean isParagraphLine(String line) {
            String s = line.strip();
            return !s.isEmpty()
                    && !s.startsWith("#")
                    && !s.startsWith("|")
                    && !s.startsWith(">")
                    && !s.matches("([-*+]|\\d+[.)])(\\s.*)?")
                    && !line.startsWith("    ");
        }

        /** GitHub's anchor for a heading's Markdown text. */
        static String slug(String heading) {
            String text =
                    heading.replaceAll(
                                    "!\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // images: their alt text
                            .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // links: their text
                            .replaceAll("<[^>]+>", "") // HTML tags
                            .toLowerCase(Locale.ROOT);
            StringBuilder slug = new StringBuilder();
            text.codePoints()
                    .forEach(
                            c -> {
                                if (c == ' ') {
                                    slug.append('-');
                                } else if (c == '-'
                                        || Character.isLetterOrDigit(c)
                                        || Character.getType(c) == Character.CONNECTOR_PUNCTUATION
                                        || Character.getType(c) == Character.NON_SPACING_MARK
                                        || Character.getType(c) == Character.COMBINING_SPACING_MARK
                                        || Character.getType(c) == Character.ENCLOSING_MARK) {
                                    slug.appendCodePoint(c);
                                }
                            });
            return slug.toString();
        }

        /**
         * The link targets of a Markdown text with their line numbers. Fenced code blocks are
         * skipped; inline code spans are masked within each block of lines (they may wrap), so that
         * a link whose text holds code still counts and a link inside code does not.
         */
        static List<Link> links(String text) {
            List<Link> links = new ArrayList<>();
            String[] lines = text.split("\\R", -1);
            Fence fence = null;
            int blockStart = -1;
            for (int i = 0; i <= lines.length; i++) {
                String line = i < lines.length ? lines[i] : "";
                boolean inside = fence != null;
                if (inside) {
                    if (fence.closedBy(line)) {
                        fence = null;
                    }
                } else {
                    fence = Fence.openedBy(line);
                }
                boolean breaksBlock =
                        inside
                                || fence != null
                                || line.isBlank()
                                || ATX_HEADING.matcher(line).matches();
                if (breaksBlock && blockStart >= 0) {
                    addLinks(lines, blockStart, i, links);
                    blockStart = -1;
                }
                if (!inside && fence == null) {
                    if (ATX_HEADING.matcher(line).matches()) {
                        addLinks(lines, i, i + 1, links);
                    } else if (!line.isBlank() && blockStart < 0) {
                        blockStart = i;
                    }
                }
            }
            links.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return links;
        }

        private static void addLinks(String[] lines, int from, int to, List<Link> links) {
            String block = String.join("\n", Arrays.asList(lines).subList(from, to));
            String masked = maskCode(block);
            Matcher inline = INLINE_LINK.matcher(masked);
            while (inline.find()) {
                links.add(new Link(from + 1 + lineOf(masked, inline.start(1)), inline.group(1)));
            }
            Matcher reference = REFERENCE_DEFINITION.matcher(masked);
            while (reference.find()) {
                links.add(
                        new Link(
                                from + 1 + lineOf(masked, reference.start(1)), reference.group(1)));
            }
        }

        /** The text with inline code spans and HTML comments overwritten, line breaks kept. */
        static String maskCode(String block) {
            char[] chars = block.toCharArray();
            int i = 0;
            while (i < chars.length) {
                if (chars[i] == '\\' && i + 1 < chars.length) {
                    i += 2;
                } else if (chars[i] == '`') {
                    int run = runLength(chars, i);
                    int close = closingRun(chars, i + run, run);
                    if (close < 0) {
                        i += run;
                    } else {
                        mask(chars, i, close + run);
                        i = close + run;
                    }
                } else if (block.startsWith("<!--", i)) {
                    int end = block.indexOf("-->", i + 4);
                    int stop = end < 0 ? chars.length : end + 3;
                    mask(chars, i, stop);
                    i = stop;
                } else {
                    i++;
                }
            }
            return new String(chars);
        }

        private static int runLength(char[] chars, int start) {
            int end = start;
            while (end < chars.length && chars[end] == '`') {
                end++;
            }
            return end - start;
        }

        private static int closingRun(char[] chars, int from, int length) {
            int i = from;
            while (i < chars.length) {
                if (chars[i] == '`') {
                    int run = runLength(chars, i);
                    if (run == length) {
                        return i;
                    }
                    i += run;
                } else {
                    i++;
                }
            }
            return -1;
        }

        private static void mask(char[] chars, int from, int to) {
            for (int i = from; i < to; i++) {
                if (chars[i] != '\n') {
                    chars[i] = 'x';
                }
            }
        }

        private static int lineOf(String text, int offset) {
            int line = 0;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
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
    record Link(int line, String target) {}

    /** An open fenced code block: closed by a line of at least as many of the same character. */
    private record Fence(char character, int length) {

        static Fence openedBy(String line) {
            Matcher m = LinkChecker.FENCE.matcher(line);
            if (!m.matches()) {
                return null;
            }
            char c = m.group(1).charAt(0);
            if (c == '`' && m.group(2).indexOf('`') >= 0) {
                return null; // an inline code span, not a fence
            }
            return new Fence(c, m.group(1).length());
        }

        boolean closedBy(String line) {
            String s = line.strip();
            if (s.length() < length) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) != character) {
                    return false;
                }
            }
            return true;
        }
    }
}
