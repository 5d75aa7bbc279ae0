package dev.a2acloud.cli;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tar.gz {@code a2a deploy} uploads: the project's files with names relative to it, builder state and build
 * output left out, sorted and with fixed times so the same tree gives the same bytes. Links are refused here, before
 * the platform refuses them.
 */
final class ProjectTarball {
    /** Folders that are never part of a project's source. */
    private static final Set<String> SKIPPED = Set.of(".a2a", ".git", "target", "node_modules", ".idea");
    private static final Pattern TOP_LEVEL = Pattern.compile("^(name|version):\\s*[\"']?([^\"'#\\s]+)[\"']?\\s*(#.*)?$",
            Pattern.MULTILINE);

    private ProjectTarball() {
    }

    static byte[] of(Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path file : files(dir)) {
                String name = dir.relativize(file).toString().replace('\\', '/');
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(Files.size(file));
                entry.setModTime(FileTime.fromMillis(0));
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new CliException("cannot pack " + dir + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.filter(path -> !path.equals(dir))
                    .filter(path -> dir.relativize(path).getNameCount() > 0
                            && !SKIPPED.contains(dir.relativize(path).getName(0).toString()))
                    .sorted().toList();
            for (Path path : all) {
                if (Files.isSymbolicLink(path)) {
                    throw CliException.badInput(dir.relativize(path) + " is a symbolic link; the platform accepts"
                            + " regular files only — replace it with the file itself");
                }
            }
            return all.stream().filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    /** A top-level {@code key: value} of a2a.yaml (name, version), without a YAML library for two scalars. */
    static String a2aYamlValue(Path dir, String key) {
        try {
            Matcher matcher = TOP_LEVEL.matcher(Files.readString(dir.resolve("a2a.yaml")));
            while (matcher.find()) {
                if (matcher.group(1).equals(key)) {
                    return matcher.group(2);
                }
            }
            return null;
        } catch (IOException e) {
            throw new CliException("cannot read " + dir.resolve("a2a.yaml") + ": " + e.getMessage(), e);
        }
    }
}
