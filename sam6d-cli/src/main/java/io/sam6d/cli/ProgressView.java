package io.sam6d.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * How the progress of jobs is shown: bars redrawn in place on a terminal (one per job in flight and one for the
 * batch), one line per change when the output is a file or pipe, nothing with {@code --json} or
 * {@code --progress none}.
 */
abstract class ProgressView {

    /** {@code auto}: bars on a terminal, lines otherwise. */
    enum Mode { auto, bars, lines, none }

    static final int BAR = 20;

    final PrintWriter out;
    final List<Tracked> items = new ArrayList<>();
    final long startNanos = System.nanoTime();

    ProgressView(PrintWriter out) {
        this.out = out;
    }

    static ProgressView of(Mode mode, Terminal terminal, boolean json) {
        Mode m = mode == Mode.auto ? (json ? Mode.none : terminal.interactive() ? Mode.bars : Mode.lines) : mode;
        return switch (m) {
            case bars -> new Bars(terminal.out(), terminal.width());
            case lines -> new Lines(terminal.out());
            default -> new ProgressView(terminal.out()) {
                @Override
                void update(Tracked t, boolean changed) {
                }

                @Override
                void close() {
                }
            };
        };
    }

    void begin(List<Tracked> all) {
        items.addAll(all);
    }

    /** After a job was submitted or polled; {@code changed} when its status, progress or stage moved. */
    abstract void update(Tracked t, boolean changed);

    /** All jobs have ended. */
    abstract void close();

    String jobLine(Tracked t) {
        String n = String.valueOf(items.size());
        String tail = switch (t.status) {
            case "completed" -> "completed" + (t.workflow == null || t.workflow.contains("pipeline")
                    ? ", " + t.posesFound + " pose(s)" : "");
            case "failed" -> "FAILED: " + t.error;
            case "cancelled" -> "cancelled" + (t.error == null ? "" : ": " + t.error);
            case Tracked.NOT_SUBMITTED, Tracked.TIMED_OUT -> t.status.replace('_', ' ') + ": " + t.error;
            default -> t.status + (t.stage == null ? "" : " (" + t.stage + ")");
        };
        int pct = t.completed() ? 100 : t.progress;
        return String.format("[%" + n.length() + "d/%s] %s %3d%%  %s  %s%s", t.index + 1, n, bar(pct), pct, t.label,
                tail, t.jobId == null ? "" : "  job " + t.jobId.substring(0, Math.min(8, t.jobId.length())));
    }

    String batchLine() {
        long done = items.stream().filter(Tracked::finished).count();
        long failed = items.stream().filter(t -> t.finished() && !t.completed()).count();
        int pct = items.isEmpty() ? 100 : (int) (100 * done / items.size());
        return String.format("batch %s %3d%%  %d of %d done, %d failed, %.1f s", bar(pct), pct, done, items.size(),
                failed, (System.nanoTime() - startNanos) / 1e9);
    }

    static String bar(int pct) {
        int filled = Math.max(0, Math.min(BAR, pct * BAR / 100));
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    /** One line per change; the batch's count after each job that ends. */
    static final class Lines extends ProgressView {

        Lines(PrintWriter out) {
            super(out);
        }

        @Override
        void update(Tracked t, boolean changed) {
            if (!changed) {
                return;
            }
            out.println(jobLine(t));
            if (t.finished() && items.size() > 1) {
                out.println(batchLine());
            }
            out.flush();
        }

        @Override
        void close() {
            out.flush();
        }
    }

    /**
     * Bars redrawn in place (ANSI: cursor up, erase down): a line per job in flight, and for several jobs the
     * batch's bar; a job's last line stays above them when it ends.
     */
    static final class Bars extends ProgressView {

        private final int width;
        private int drawn;

        Bars(PrintWriter out, int width) {
            super(out);
            this.width = width;
        }

        @Override
        void update(Tracked t, boolean changed) {
            erase();
            if (changed && t.finished()) {
                out.println(fit(jobLine(t)));
            }
            List<String> block = new ArrayList<>();
            for (Tracked i : items) {
                if (i.jobId != null && !i.finished()) {
                    block.add(fit(jobLine(i)));
                }
            }
            if (items.size() > 1) {
                block.add(fit(batchLine()));
            }
            block.forEach(out::println);
            drawn = block.size();
            out.flush();
        }

        private void erase() {
            if (drawn > 0) {
                out.print("\033[" + drawn + "F\033[J");
            }
            drawn = 0;
        }

        private String fit(String line) {
            return line.length() < width ? line : line.substring(0, Math.max(10, width - 2)) + "…";
        }

        @Override
        void close() {
            out.flush();
        }
    }
}
