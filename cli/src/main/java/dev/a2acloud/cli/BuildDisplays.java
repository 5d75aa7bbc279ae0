package dev.a2acloud.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** How a running build is shown: plain lines for pipes and logs, a live one-line display on a terminal. */
final class BuildDisplays {
    private BuildDisplays() {
    }

    static String stepLine(BuildProgressModel.Step step) {
        String mark = switch (step.outcome()) {
            case "done" -> "✓";
            case "rejected" -> "↺";
            default -> "✗";
        };
        String line = String.format("  %s %-17s %8s", mark, step.name(), Ages.millis(step.millis()));
        return step.detail().isEmpty() ? line : line + "  " + oneLine(step.detail());
    }

    static String oneLine(String text) {
        String line = text.replace('\n', ' ').strip();
        return line.length() > 120 ? line.substring(0, 119) + "…" : line;
    }

    /** One line per finished step and per progress message. */
    static BuildFollower.Display plain(PrintWriter out) {
        return (model, change) -> {
            if (change.finished() != null) {
                out.println(stepLine(change.finished()));
            }
            if (change.progressMessage() != null && !change.progressMessage().isBlank()) {
                out.println("      " + oneLine(change.progressMessage()));
            }
            out.flush();
        };
    }

    /** Nothing while running (for --json). */
    static BuildFollower.Display silent() {
        return (model, change) -> { };
    }

    /**
     * Finished steps stay on screen; below them one line is redrawn in place ten times a second with the running
     * step, its elapsed time and the latest progress message.
     */
    static final class Live implements BuildFollower.Display {
        private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
        private final PrintWriter out;
        private final Clock clock;
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "a2a-progress");
            thread.setDaemon(true);
            return thread;
        });
        private BuildProgressModel model;
        private String message = "";
        private int frame;

        Live(PrintWriter out, Clock clock) {
            this.out = out;
            this.clock = clock;
            ticker.scheduleAtFixedRate(this::redraw, 100, 100, TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void changed(BuildProgressModel model, BuildProgressModel.Change change) {
            this.model = model;
            if (change.finished() != null) {
                out.print("\r\033[2K");
                out.println(stepLine(change.finished()));
                message = "";
            }
            if (change.progressMessage() != null && !change.progressMessage().isBlank()) {
                message = oneLine(change.progressMessage());
            }
            redraw();
        }

        private synchronized void redraw() {
            if (model == null || model.running() == null) {
                return;
            }
            long elapsed = model.runningSince() == null ? 0
                    : Duration.between(model.runningSince(), clock.instant()).toMillis();
            String line = String.format("  %s %-17s %8s  %s", SPINNER[frame++ % SPINNER.length], model.running(),
                    Ages.millis(Math.max(0, elapsed)), message);
            out.print("\r\033[2K" + (line.length() > 110 ? line.substring(0, 109) + "…" : line));
            out.flush();
        }

        @Override
        public synchronized void close() {
            ticker.shutdownNow();
            out.print("\r\033[2K");
            out.flush();
        }
    }
}
