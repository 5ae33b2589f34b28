package io.sam6d.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** How {@code run} and {@code batch} send frames: as paths under main-server's static/, or in the request. */
final class FrameOptions {

    @Option(names = "--static-dir", paramLabel = "DIR",
            description = "main-server's static/ as seen from here (default: the nearest folder named static)")
    Path staticDir;

    @Option(names = "--inline", description = "send the images in the request even when main-server could read them")
    boolean inline;

    Frames frames(Terminal terminal) {
        return new Frames(terminal, staticDir == null ? null : terminal.workDir().resolve(staticDir), inline);
    }
}
