package io.sam6d.support.models;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints an {@link EngineSetupException} as a short "APPLICATION FAILED TO START" report instead of a stack trace. */
class EngineSetupFailureAnalyzer extends AbstractFailureAnalyzer<EngineSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EngineSetupException cause) {
        return new FailureAnalysis("The engine could not be set up. " + cause.getMessage(),
                "Fix " + cause.setting() + " (environment variable, config.env or application.yml) and start again.",
                cause);
    }
}
