package dev.a2acloud.core.sandbox.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What the agent's code does, as far as the card must declare it: whether it calls the model gateway and whether it
 * writes workspace artifacts. Read from the sources (comments stripped) so a card can be checked against the code.
 */
record SourceFacts(boolean usesLlm, boolean writesWorkspace) {
    private static final Pattern LLM = Pattern.compile("\\.\\s*llm\\s*\\(\\s*\\)|\\bctx\\s*\\.\\s*llm\\b");
    private static final Pattern WORKSPACE_WRITE = Pattern.compile(
            "\\.\\s*workspace\\s*\\(\\s*\\)\\s*\\.\\s*(write|put|upload|delete)\\w*\\s*\\(");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    static SourceFacts scan(Path projectDir) {
        boolean llm = false;
        boolean write = false;
        for (Path file : SourceDigest.files(projectDir)) {
            String rel = SourceDigest.relative(projectDir, file);
            if (!rel.startsWith("agent/") || !rel.endsWith(".java")) {
                continue;
            }
            try {
                String code = COMMENTS.matcher(Files.readString(file)).replaceAll(" ");
                llm |= LLM.matcher(code).find();
                write |= WORKSPACE_WRITE.matcher(code).find();
            } catch (IOException | java.io.UncheckedIOException e) {
                // Unreadable as UTF-8: the compiler stage reports it properly.
            }
        }
        return new SourceFacts(llm, write);
    }
}
