package org.ocengine.cli;

import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ocengine.pipeline.Progress;

/**
 * Progress bars on standard error (the progressbar library). Bars appear only when asked for or when
 * standard error is a terminal, so logs and pipes stay clean. Thread-safe (the library's bars are).
 */
final class ConsoleProgress implements Progress {

    private final boolean show;

    ConsoleProgress(boolean show) {
        this.show = show;
    }

    /** Bars when {@code mode} is "always", none for "never", and for "auto" when a console is attached. */
    static Progress of(String mode) {
        return switch (mode) {
            case "always" -> new ConsoleProgress(true);
            case "never" -> Progress.NONE;
            default -> System.console() != null ? new ConsoleProgress(true) : Progress.NONE;
        };
    }

    @Override
    public Task start(String name, long total, String unit) {
        if (!show) {
            return NONE.start(name, total, unit);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total > 0 ? total : -1)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setMaxRenderedLength(100)
                .setSpeedUnit(ChronoUnit.SECONDS)
                .showSpeed()
                .build();
        return new Task() {
            @Override
            public void step(long done) {
                bar.stepBy(done);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
