package dev.a2acloud.local.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on its own: finished events leave the file while the broker runs, unfinished ones never do. */
class EventJournalTest {

    @Test
    void aLongRunningJournalIsCompactedToItsUnfinishedEventsAndLosesNone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker-journal.log");
        long keptSeq;
        long halfDoneSeq;
        try (EventJournal journal = EventJournal.open(dir, JournalFsync.GROUP_COMMIT, 64 * 1024)) {
            keptSeq = journal.append(Events.event("kept", "t"), 255);
            halfDoneSeq = journal.append(Events.event("half-done", "t"), 255);
            journal.markDone(halfDoneSeq, "first-trigger");
            long largest = 0;
            for (int i = 0; i < 2_000; i++) {
                long seq = journal.append(Events.event("done-" + i, "t"), 255);
                journal.markDone(seq, "first-trigger");
                journal.markFinished(seq);
                largest = Math.max(largest, Files.size(file));
            }
            assertTrue(largest < 2 * 64 * 1024, "the file was rewritten while running, largest " + largest);
            assertTrue(Files.size(file) < 64 * 1024);
            // Still appended to after a compaction: a new accept survives the reopen below.
            journal.append(Events.event("after", "t"), 7);
        }
        try (EventJournal reopened = EventJournal.open(dir, JournalFsync.GROUP_COMMIT)) {
            List<EventJournal.Pending> pending = reopened.recovered();
            assertEquals(List.of("kept", "half-done", "after"),
                    pending.stream().map(p -> p.event().getId()).toList());
            assertEquals(keptSeq, pending.get(0).seq());
            assertEquals(Set.of("first-trigger"), pending.get(1).done(), "done-marks survive the compaction");
            assertEquals(halfDoneSeq, pending.get(1).seq());
            assertEquals(7, pending.get(2).ttl());
            assertTrue(pending.get(2).seq() > halfDoneSeq + 2_000, "sequence numbers never go back");
        }
    }
}
