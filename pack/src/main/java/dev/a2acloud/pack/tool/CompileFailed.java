package dev.a2acloud.pack.tool;

import dev.a2acloud.pack.PackException;
import java.util.List;

/** javac refused the sources; {@link #errors()} are {@code file:line: message} lines, files relative to the project. */
public final class CompileFailed extends PackException {
    private final List<String> errors;

    public CompileFailed(List<String> errors) {
        super("the agent does not compile:\n" + String.join("\n", errors), null, false, null);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
