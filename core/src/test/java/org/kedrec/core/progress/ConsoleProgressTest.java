package org.kedrec.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    /** A task of {@code total} steps begun and advanced one step at a time to its last, not yet ended. */
    private static ConsoleProgress advancedToTheEnd(StringWriter text, boolean terminal, String task, int total) {
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), terminal);
        progress.begin(task, total);
        for (int i = 0; i < total; i++) {
            progress.advance(1);
        }
        return progress;
    }

    @Test
    void withoutATerminalOnlyTheFinishedLineIsWritten() {
        StringWriter text = new StringWriter();
        ConsoleProgress progress = advancedToTheEnd(text, false, "hetionet edges", 200);
        progress.status("epoch 1/2 loss 0.5");
        progress.end();
        assertThat(text.toString()).doesNotContain("\r").doesNotContain("epoch")
                .matches("hetionet edges +\\[#{30}\\] 100% 200/200 \\(\\d+\\.\\d s\\)\\R");
    }

    @Test
    void onATerminalTheLineIsRedrawnOncePerPercent() {
        StringWriter text = new StringWriter();
        advancedToTheEnd(text, true, "dataset", 1000).end();
        // the first draw at 0 %, one per percent up to 100 %, and the finished line
        assertThat(text.toString().chars().filter(c -> c == '\r').count()).isEqualTo(102);
        assertThat(text.toString()).matches("(?s).*\rdataset +\\[#{30}\\] 100% 1000/1000 \\(\\d+\\.\\d s\\)\\R");
    }

    @Test
    void tasksOfUnknownSizePrintTheirStartAndEnd() {
        StringWriter text = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), true);
        progress.begin("export", -1);
        progress.advance(5);
        progress.end();
        assertThat(text.toString()).matches("export \\.\\.\\.\\Rexport done \\(\\d+\\.\\d s\\)\\R");
    }

    @Test
    void logLinesStayAfterStatusLines() {
        StringWriter text = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), true);
        progress.status("epoch 1/8 loss 7.6");
        progress.log("epoch 1: validation accuracy 0.51");
        assertThat(text.toString()).isEqualTo("\repoch 1/8 loss 7.6\repoch 1: validation accuracy 0.51"
                + System.lineSeparator());
    }
}
