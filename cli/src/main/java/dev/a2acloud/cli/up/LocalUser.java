package dev.a2acloud.cli.up;

import dev.a2acloud.controlplane.users.UserStore;
import dev.a2acloud.controlplane.users.UserTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The one user of an embedded platform. Created on first start (its id kept in {@code $A2A_HOME/user}); every start
 * writes a fresh token to {@code $A2A_HOME/token}, readable by the owner only, for the CLI to use.
 */
final class LocalUser {
    /** Long enough that a platform left running does not lock its own CLI out; re-issued at every start. */
    static final Duration TOKEN_TTL = Duration.ofDays(30);

    record Issued(String userId, boolean created, Path tokenFile) {
    }

    private LocalUser() {
    }

    static Issued ensure(Path home, UserTokens users, UserStore store) {
        Path idFile = home.resolve("user");
        try {
            Files.createDirectories(home);
            String userId = Files.isRegularFile(idFile) ? Files.readString(idFile).strip() : "";
            boolean created = false;
            String token;
            if (!userId.isEmpty() && !store.exists(userId)) {
                userId = ""; // the database was reset: start over with a new user
            }
            if (userId.isEmpty()) {
                UserTokens.IssuedUser user = users.createLocalUser(System.getProperty("user.name", "local"));
                userId = user.userId();
                writePrivate(idFile, userId + "\n");
                created = true;
            }
            token = users.issueToken(userId, TOKEN_TTL);
            Path tokenFile = home.resolve("token");
            writePrivate(tokenFile, token + "\n");
            return new Issued(userId, created, tokenFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local user's files under " + home
                    + "; check that A2A_HOME is writable", e);
        }
    }

    /** Written to a temporary file that is private before it holds anything, then moved into place. */
    private static void writePrivate(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the user's home directory protects it
            }
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
